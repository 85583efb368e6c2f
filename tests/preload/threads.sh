#!/bin/sh
# 8 threads making 500 TCP sockets each at the same time: every one of the
# 4000 gets keepalive with the configured idle time.
. "$KA_SRCDIR/tests/lib.sh"

out=$(preload KEEPALIVE_IDLE=33 "$KA_PROGS/kathreads" 33)
status=$?
[ "$status" -eq 77 ] && skip "$out"
assert_eq "all sockets" "sockets 4000 without keepalive 0" "$out"
assert_eq "exit status" 0 "$status"
