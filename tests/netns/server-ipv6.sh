#!/bin/sh
# A server blocked in read() under the preload learns that its IPv6 client's
# cable was pulled within idle + intvl*cnt (+1 s): socat's read() fails.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need socat
ns_setup server-ipv6

ns_socat_pair "$NS_PORT" 6 LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS
ns_expect_keepalive "$NS_A" "$NS_PORT"
ns_pull_cable "$NS_B"
ns_expect_noticed server "$NS_SERVER" "$NS_LOG"
assert_match "socat's error" 'E read.*(timed out|No route to host)' "$(cat "$NS_LOG")"
