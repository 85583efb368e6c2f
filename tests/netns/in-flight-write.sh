#!/bin/sh
# Data in flight on a LAN, one byte and a large write: the sender learns that
# its peer's cable was pulled within idle + intvl x cnt (+1 s), although the
# kernel starts the user timeout's clock only at the first retransmission.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
ns_need python3
ns_setup in-flight-write
[ "$NS_BRIDGE" = yes ] || skip "no bridge to keep the sender's link up"
ns_in_flight byte bulk
