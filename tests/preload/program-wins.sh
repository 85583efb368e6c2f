#!/bin/sh
# The program's own choices, made after socket(), stand: SO_KEEPALIVE 0 and
# TCP_KEEPIDLE survive connect(), and connections accepted on a listener the
# program changed inherit the program's values, not the library's.
. "$KA_SRCDIR/tests/lib.sh"

# shellcheck disable=SC2086
out=$(preload $KA_TIMERS "$KA_PROGS/kaconnect" own-off) || fail "kaconnect own-off failed"
assert_eq "keepalive off and idle 45, through connect" \
	"before keepalive=0 idle=45 intvl=5 cnt=4 user_timeout=49000
after keepalive=0 idle=45 intvl=5 cnt=4 user_timeout=49000" "$out"

# shellcheck disable=SC2086
out=$(preload $KA_TIMERS "$KA_PROGS/kaaccept" own off queue 2 accept 1 accept4 accept 1 listener) ||
	fail "kaaccept off failed"
want="keepalive=0 idle=30 intvl=5 cnt=4 user_timeout=49000"
assert_eq "listener turned off, through accept" \
	"accepted $want
accepted $want
listener $want" "$out"

# shellcheck disable=SC2086
out=$(preload $KA_TIMERS "$KA_PROGS/kaaccept" own idle 45 queue 2 accept 2) || fail "kaaccept idle failed"
want="keepalive=1 idle=45 intvl=5 cnt=4 user_timeout=49000"
assert_eq "listener idle 45, through accept" "accepted $want
accepted $want" "$out"

# A listener passed in (fd 3), on which the program turns keepalive off
# before its first accept: the program's choice stands for it and for the
# connections, queued before or made after. Setting only TCP_KEEPIDLE there
# keeps that value, on the listener and on a connection queued after it
# (cloned with it), and gets the rest of ours.
# shellcheck disable=SC2086
out=$("$KA_PROGS/kalisten" -q 1 env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS \
	"$KA_PROGS/kaaccept" off accept 1 queue 1 accept 1 listener) || fail "kaaccept passed-in off failed"
assert_eq "passed-in listener turned off" 3 "$(echo "$out" | grep -c ' keepalive=0 ')"
# shellcheck disable=SC2086
out=$("$KA_PROGS/kalisten" env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS \
	"$KA_PROGS/kaaccept" idle 45 queue 1 accept 1 listener) || fail "kaaccept passed-in idle failed"
assert_eq "passed-in listener with its own idle" "accepted keepalive=1 idle=45 intvl=5 cnt=4 user_timeout=49000
listener keepalive=1 idle=45 intvl=5 cnt=4 user_timeout=49000" "$out"
