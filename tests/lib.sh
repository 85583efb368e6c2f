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
