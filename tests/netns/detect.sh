#!/bin/sh
# KEEPALIVE_DETECT=3s alone: a server blocked in read() learns that its
# client's cable was pulled within 3 s (+1 s); the timers derived from it
# (idle 1 s, intvl 1 s, cnt 2, user timeout 2250 ms) are on the socket.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need socat
ns_setup detect

NS_BOUND=3000
ns_socat_pair "$NS_PORT" 4 LD_PRELOAD="$KA_PRELOAD" KEEPALIVE_DETECT=3s KEEPALIVE_DEBUG=2
assert_match "derived timers" "idle=1s intvl=1s cnt=2 user_timeout=2250ms" "$(cat "$NS_LOG")"
ns_expect_keepalive "$NS_A" "$NS_PORT"
ns_pull_cable "$NS_B"
ns_expect_noticed server "$NS_SERVER" "$NS_LOG"
assert_match "socat's error" 'E read.*(timed out|No route to host)' "$(cat "$NS_LOG")"
