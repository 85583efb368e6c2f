#!/bin/sh
# Data in flight on a path with 200 ms of round-trip time (netem, or a delay
# line in the switch): one byte and a large write are still noticed within
# idle + intvl x cnt (+1 s).
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
ns_need python3
ns_setup in-flight-rtt200
[ "$NS_BRIDGE" = yes ] || skip "no bridge to keep the sender's link up"
ns_delay 200
ns_in_flight byte bulk
