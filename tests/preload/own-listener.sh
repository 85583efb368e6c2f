#!/bin/sh
# A listener the program created is configured at socket(); the connections
# it accepts inherit everything from it, so accept() costs no system call of
# the library's: no setsockopt or getsockopt over 100 accepts (50 of them
# with accept4).
. "$KA_SRCDIR/tests/lib.sh"


# shellcheck disable=SC2086
out=$(preload $KA_TIMERS "$KA_PROGS/kaaccept" own listener queue 3 accept 3 accept4 queue 2 accept 2) ||
	fail "kaaccept failed"
assert_eq "listener and accepted" "$(echo "listener $KA_OURS"; lines 5 "accepted $KA_OURS")" "$out"

need_strace
scratch
trace="$KA_TMP/trace"
# shellcheck disable=SC2086
strace -f -e trace=socket,listen,setsockopt,getsockopt,write -o "$trace" \
	env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS "$KA_PROGS/kaaccept" own mark start cycle 50 accept4 cycle 50 mark end \
	>/dev/null || fail "kaaccept under strace failed"
assert_eq "calls on the new listener before listen()" 5 "$(count_calls "$trace" "socket(" "listen(")"
assert_eq "calls over 100 accepts" 0 "$(count_calls "$trace" "mark start" "mark end")"
