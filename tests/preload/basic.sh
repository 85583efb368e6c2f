#!/bin/sh
# A new IPv4 TCP socket gets keepalive with the configured timers.
. "$KA_SRCDIR/tests/lib.sh"

# shellcheck disable=SC2086
out=$(preload $KA_TIMERS "$KA_PROGS/kaprobe" socket tcp4) ||
	fail "kaprobe failed"
assert_eq "tcp4 socket" "$KA_OURS" "$out"
