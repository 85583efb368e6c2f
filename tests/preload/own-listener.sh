#!/bin/sh
# A listener the program created is configured at socket(); the connections
# it accepts inherit everything from it, so accept() costs no system call of
# the library's: no setsockopt or getsockopt over 100 accepts (50 of them
# with accept4).
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/preload/helpers.sh"

vars="KEEPALIVE_IDLE=30 KEEPALIVE_INTVL=5 KEEPALIVE_CNT=4"
want="keepalive=1 idle=30 intvl=5 cnt=4 user_timeout=49000"

# shellcheck disable=SC2086
out=$(preload $vars "$KA_PROGS/kaaccept" own listener queue 3 accept 3 accept4 queue 2 accept 2) ||
	fail "kaaccept failed"
assert_eq "listener and accepted" "$(echo "listener $want"; lines 5 "accepted $want")" "$out"

need_strace
trace=$(mktemp)
trap 'rm -f "$trace"' EXIT
# shellcheck disable=SC2086
strace -f -e trace=socket,listen,setsockopt,getsockopt,write -o "$trace" \
	env LD_PRELOAD="$KA_PRELOAD" $vars "$KA_PROGS/kaaccept" own mark start cycle 50 accept4 cycle 50 mark end \
	>/dev/null || fail "kaaccept under strace failed"
assert_eq "calls on the new listener before listen()" 5 "$(count_between "$trace" "socket(" "listen(")"
assert_eq "calls over 100 accepts" 0 "$(count_between "$trace" "mark start" "mark end")"
