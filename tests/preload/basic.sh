#!/bin/sh
# A new IPv4 TCP socket gets keepalive with the configured timers.
. "$KA_SRCDIR/tests/lib.sh"

out=$(preload KEEPALIVE_IDLE=30 KEEPALIVE_INTVL=5 KEEPALIVE_CNT=4 "$KA_PROGS/kaprobe" socket tcp4) ||
	fail "kaprobe failed"
assert_eq "tcp4 socket" "keepalive=1 idle=30 intvl=5 cnt=4 user_timeout=49000" "$out"
