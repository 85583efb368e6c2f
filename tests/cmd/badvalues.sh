#!/bin/sh
# A bad value for any option or variable: exit 125 (the command's own
# errors, as env(1) has them, apart from the command's own statuses), a
# message naming the option or variable and the accepted form, and the
# command is not run.
. "$KA_SRCDIR/tests/cmd/common.sh"

marker="$KA_TMP/ran"

# reject OPTION VALUE EXPECTED-WORDS [NAME-IN-MESSAGE]
reject() {
	rc=0
	err=$("$KA_CMD" "$1" "$2" -- touch "$marker" 2>&1) || rc=$?
	assert_eq "$1 '$2' status" 125 "$rc"
	[ ! -e "$marker" ] || fail "$1 '$2': the command ran"
	pattern=$(printf '%s\n' "$2" | sed 's/[.*^$+?(){}|[\\]/\\&/g')
	assert_match "$1 '$2' message" "^keepalive: ${4:-$1} '$pattern' .*expected $3" "$err"
	assert_eq "$1 '$2': one line" 1 "$(printf '%s\n' "$err" | wc -l)"
}

for value in 10x 0 32768 -5 1500ms "" 1e3 0x10 "5 s" 1s1m; do
	reject --idle "$value" "whole seconds from 1 to 32767"
	reject --intvl "$value" "whole seconds from 1 to 32767"
done
reject -i 10x "whole seconds" --idle
reject -I 99999 "whole seconds" --intvl
for value in 0 128 x 3s -1 ""; do
	reject --cnt "$value" "a whole number of probes from 1 to 127"
done
reject -c 1000 "a whole number of probes" --cnt
for value in 10x -1 2147484s 1m1h ""; do
	reject --user-timeout "$value" "a duration from 0 to 2147483s \\(24 days; 2147483647ms at most\\), a bare number being seconds"
done
reject -u 25d "a duration" --user-timeout
for value in 1 0 1500ms 25d x ""; do
	reject --detect "$value" "whole seconds from 2 to 2147483"
done
reject -d 3x "whole seconds" --detect
for value in forced 1 ""; do
	reject --mode "$value" "respect or force"
done
reject -m x "respect or force" --mode
for value in both 0 ""; do
	reject --role "$value" "client, server or all"
done
reject -r x "client, server" --role
for value in 0 65536 80, 9-1 x 1-2-3 ""; do
	reject --ports "$value" "ports and ranges from 1 to 65535"
done
reject -p 0 "ports and ranges" --ports

# The kind of problem is named as the library names it.
err=$("$KA_CMD" --cnt 200 true 2>&1) || true
assert_match "range" "'200' is out of range" "$err"
err=$("$KA_CMD" --idle 1500ms true 2>&1) || true
assert_match "fraction" "'1500ms' is not a whole number of seconds" "$err"

# A bad value after a good one, and the environment does not rescue it.
rc=$(status env KEEPALIVE_IDLE=30 "$KA_CMD" --cnt 3 --idle 10x touch "$marker")
assert_eq "second option bad" 125 "$rc"
[ ! -e "$marker" ] || fail "the command ran"

# Usage errors: unknown option, missing value, no command.
for args in "--bogus true" "-x true" "--idle" "-i" "" "--idle 30" "-v --"; do
	# shellcheck disable=SC2086
	rc=$(status "$KA_CMD" $args)
	assert_eq "keepalive $args" 125 "$rc"
done
err=$("$KA_CMD" --idle 30 2>&1) || true
assert_match "no command" "^keepalive: no command given" "$err"
err=$("$KA_CMD" --bogus true 2>&1) || true
assert_match "unknown option" "^keepalive: unknown option '--bogus'" "$err"

# The command's own 2 is not keepalive's.
assert_eq "the command's own status 2" 2 "$(status "$KA_CMD" sh -c 'exit 2')"

# A bare number is seconds for the user timeout too, and the message says so.
err=$("$KA_CMD" --user-timeout 2147483647 true 2>&1) || true
assert_match "user timeout in seconds" \
	"^keepalive: --user-timeout '2147483647' is out of range: expected a duration from 0 to 2147483s .*a bare number being seconds" "$err"

# A bad variable is refused as a bad option is, naming the variable; the
# command does not run.
rc=0
err=$(KEEPALIVE_IDLE=bogus "$KA_CMD" touch "$marker" 2>&1) || rc=$?
assert_eq "bad variable status" 125 "$rc"
[ ! -e "$marker" ] || fail "the command ran with a bad variable"
assert_eq "bad variable message" "keepalive: KEEPALIVE_IDLE='bogus' is not valid: expected whole seconds from 1 to 32767, as 30, 30s, 5m, 1h or 1m30s" "$err"
rc=0
err=$(KEEPCNT=0 "$KA_CMD" true 2>&1) || rc=$?
assert_eq "bad older variable status" 125 "$rc"
assert_match "bad older variable message" "^keepalive: KEEPCNT='0' is out of range" "$err"

# Options people type: aliases, and a word on the ones that are not.
assert_match "--interval, --count, --force, --debug" \
	"^keepalive=1 idle=60 intvl=5 cnt=3 " "$("$KA_CMD" --interval 5 --count 3 --force --debug \
		"$KA_PROGS/kaprobe" socket tcp4 2>/dev/null)"
err=$("$KA_CMD" --i 1 true 2>&1) || true
assert_match "ambiguous" "^keepalive: option '--i' is ambiguous: --idle, --intvl" "$err"
err=$("$KA_CMD" --help=foo 2>&1) || true
assert_match "--help=foo" "^keepalive: --help takes no value: '--help=foo'" "$err"
err=$("$KA_CMD" --idel 5 true 2>&1) || true
assert_match "did you mean" "^keepalive: unknown option '--idel'; did you mean --idle\\?" "$err"
assert_eq "--help=foo status" 125 "$(status "$KA_CMD" --help=foo)"

# What the user typed is shown as the library shows a variable: cut after
# 40 bytes with "...", control characters as '?' (an escape sequence is not
# sent to the terminal), for a value, an option, a process id and a command.
huge=$(head -c 100000 /dev/zero | tr '\0' 7)
esc=$(printf '\033[31m')
err=$("$KA_CMD" --idle "$huge" true 2>&1) || true
assert_eq "a 100 kB value: one short line" \
	"keepalive: --idle '$(printf '%.40s' "$huge")...' is out of range: expected" \
	"$(printf '%s\n' "$err" | sed -n '1s/\(expected\).*/\1/p')"
err=$("$KA_CMD" --idle "${esc}10" true 2>&1) || true
assert_match "an escape in a value" "^keepalive: --idle '\?\[31m10' is not valid" "$err"
err=$("$KA_CMD" "--x${esc}" true 2>&1) || true
assert_match "an escape in an option" "^keepalive: unknown option '--x\?\[31m'" "$err"
err=$("$KA_CMD" --pid "1${esc}" 2>&1) || true
assert_match "an escape in a process id" "^keepalive: --pid '1\?\[31m': expected a process id" "$err"
err=$("$KA_CMD" "/nonexistent/${esc}x" 2>&1) || true
assert_match "an escape in a command" "^keepalive: cannot run '/nonexistent/\?\[31mx'" "$err"
