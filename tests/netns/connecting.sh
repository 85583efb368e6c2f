#!/bin/sh
# connect() to a host that is gone: without the library the kernel retries
# the SYN for about two minutes (tcp_syn_retries); the user timeout the
# library sets at socket() ends it within idle + intvl x cnt (+1 s) instead.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
ns_need python3
ns_setup connecting
[ "$NS_BRIDGE" = yes ] || skip "no bridge to keep the client's link up"
# The client still knows the server's address on the link, as a router
# would: its SYNs leave and are lost, rather than failing address resolution.
mac=$(ip -n "$NS_A" link show dev ka0 | sed -n 's/.*link\/ether \([^ ]*\).*/\1/p')
ip -n "$NS_B" neigh replace "$A4" lladdr "$mac" dev ka0 nud permanent ||
	fail "cannot add a neighbour entry"
ns_bg "$NS_B" env LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS "$NS_PYTHON" -c '
import os, socket, sys, time
open(sys.argv[3], "w").close()
while not os.path.exists(sys.argv[4]):
    time.sleep(0.005)
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])))
    sys.exit("connected")
except OSError as e:
    sys.exit("connect failed: " + e.strerror)
' "$A4" "$NS_PORT" "$NS_TMP/ready" "$NS_TMP/go" 2>"$NS_TMP/client.log"
client=$NS_LAST
ns_until 10000 test -e "$NS_TMP/ready" || fail "the client did not start"
ns_pull_cable "$NS_A"
: >"$NS_TMP/go"
ns_expect_noticed client "$client" "$NS_TMP/client.log"
assert_match "connect's error" 'connect failed: Connection timed out' "$(cat "$NS_TMP/client.log")"
