# Shared by the shell tests: sourced, never run. Paths come from the
# environment that tests/local.mk sets (KA_LIB, KA_BUILDDIR, KA_SRCDIR).
# Exit codes follow automake: 0 pass, 1 fail, 77 skip, 99 hard error.

set -u

: "${KA_LIB:?run through make check, which sets KA_LIB}"
: "${KA_BUILDDIR:?}"
: "${KA_SRCDIR:?}"
KA_PROGS="$KA_BUILDDIR/tests/progs"

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "SKIP: $*" >&2
	exit 77
}

# The value for LD_PRELOAD: the library, after the sanitizer's runtime in a
# sanitized build (README, Testing). Use it where preload() cannot be used.
KA_PRELOAD="${KA_SANITIZER_RUNTIME:+$KA_SANITIZER_RUNTIME }$KA_LIB"

# Runs a command with the library preloaded; KEY=VALUE words before it set
# variables for that command only.
preload() {
	env LD_PRELOAD="$KA_PRELOAD" "$@"
}

# assert_eq WHAT EXPECTED ACTUAL
assert_eq() {
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# assert_match WHAT PATTERN TEXT (extended regular expression)
assert_match() {
	printf '%s\n' "$3" | grep -Eq -- "$2" || fail "$1: '$3' does not match /$2/"
}

# The start of every line the library writes, "libkeepalive[PID NAME]: ",
# as an extended regular expression.
KA_FROM='libkeepalive\[[0-9]+( [^]]*)?\]: '

# The standard timers of the loopback tests, and the line kaprobe prints for
# a socket the library configured with them (user timeout 30 + 5 x 4 s).
KA_TIMERS="KEEPALIVE_IDLE=30 KEEPALIVE_INTVL=5 KEEPALIVE_CNT=4"
KA_OURS="keepalive=1 idle=30 intvl=5 cnt=4 user_timeout=49000"

# need PROGRAM...: skips the test unless every PROGRAM is installed.
need() {
	for prog in "$@"; do
		command -v "$prog" >/dev/null 2>&1 || skip "$prog is not installed"
	done
}

# need_strace: skips the test unless strace is installed and may trace here.
need_strace() {
	need strace
	strace -f -o /dev/null true 2>/dev/null || skip "ptrace is not permitted here"
}

# On exit, whatever the test registered with at_exit runs (the last first),
# then the scratch directory is removed; a signal ends the test through it.
KA_AT_EXIT=
KA_TMP=
ka_exit() {
	eval "$KA_AT_EXIT"
	[ -z "$KA_TMP" ] || rm -rf "$KA_TMP"
}
trap ka_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# at_exit COMMAND: COMMAND (shell text) runs when the test exits.
at_exit() {
	KA_AT_EXIT="$1${KA_AT_EXIT:+; $KA_AT_EXIT}"
}

# scratch: KA_TMP, a private directory named after the test and its pid,
# removed when the test exits.
scratch() {
	[ -z "$KA_TMP" ] || return 0
	name=$(basename "$(dirname "$0")")-$(basename "$0" .sh)
	KA_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ka-$name-$$.XXXXXX") || fail "mktemp -d failed"
}

# count_calls FILE FROM TO [PATTERN]: the number of lines matching PATTERN
# (an awk regular expression; setsockopt and getsockopt calls by default) in
# strace output FILE after the first line containing FROM and before the
# next line containing TO ("unterminated" if either is missing).
count_calls() {
	awk -v from="$2" -v to="$3" -v pat="${4:-(set|get)sockopt\\(}" '
		state == 0 && index($0, from) { state = 1; next }
		state == 1 && index($0, to) { state = 2 }
		state == 1 && $0 ~ pat { n++ }
		END { print (state == 2 ? n + 0 : "unterminated") }' "$1"
}

# lines COUNT TEXT: TEXT on COUNT lines, to build expected output.
lines() {
	i=0
	while [ "$i" -lt "$1" ]; do
		printf '%s\n' "$2"
		i=$((i + 1))
	done
}

# free_port: a TCP port free on 127.0.0.1 just now (python3 needed), taken
# below the ephemeral range (20000-29999), so that no connect() of a test
# running beside this one can be given it as its local port meanwhile.
free_port() {
	python3 -c '
import random, socket
for _ in range(1000):
    port = random.randrange(20000, 30000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(port)
    break'
}
