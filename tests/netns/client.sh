#!/bin/sh
# A client blocked in read() under the preload (netcat) learns that its
# server's cable was pulled within idle + intvl*cnt (+1 s).
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need socat nc
ns_setup client

ns_bg "$NS_A" socat -u "TCP4-LISTEN:$NS_PORT,bind=$A4" STDOUT
ns_wait_listener "$NS_A" "$NS_PORT"
# -d: netcat never reads its standard input, only the connection.
ns_bg "$NS_B" env LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS KEEPALIVE_DEBUG=2 \
	nc -d "$A4" "$NS_PORT" 2>"$NS_TMP/client.log"
client=$NS_LAST
ns_wait_connection "$NS_B" "$NS_PORT"
ns_expect_keepalive "$NS_B" "$NS_PORT"
ns_pull_cable "$NS_A"
# netcat says nothing when the connection fails: it just ends.
ns_expect_noticed client "$client" "$NS_TMP/client.log"
