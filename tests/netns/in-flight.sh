#!/bin/sh
# A sender under the preload whose peer vanished mid-transfer: its data stays
# unacknowledged, so keepalive never fires; the user timeout derived from
# idle + intvl*cnt (2.25 s) ends the connection within those 3 s (+1 s).
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need python3 socat
ns_setup in-flight
# Joined directly, the sender would lose its own link too: its data would
# not even leave, which is not the case tested here.
[ "$NS_BRIDGE" = yes ] || skip "no bridge to keep the sender's link up"

ns_bg "$NS_A" env LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS "$NS_PYTHON" -c '
import socket, sys, time
listener = socket.create_server((sys.argv[1], int(sys.argv[2])))
conn, peer = listener.accept()
try:
    while True:
        conn.sendall(b"x" * 1000)
        time.sleep(0.02)
except OSError as e:
    sys.exit("send failed: " + e.strerror)
' "$A4" "$NS_PORT" 2>"$NS_TMP/sender.log"
sender=$NS_LAST
ns_wait_listener "$NS_A" "$NS_PORT"
ns_bg "$NS_B" socat -u "TCP4:$A4:$NS_PORT" /dev/null
ns_wait_connection "$NS_A" "$NS_PORT"
ns_pull_cable "$NS_B"
ns_until 1000 eval 'ns_ss "$NS_A" -tno state established | grep -q "timer:(on"' ||
	fail "no data in flight: $(ns_ss "$NS_A" -tno)"
ns_expect_noticed sender "$sender" "$NS_TMP/sender.log"
assert_match "python's error" 'send failed: (Connection timed out|No route to host)' "$(cat "$NS_TMP/sender.log")"
