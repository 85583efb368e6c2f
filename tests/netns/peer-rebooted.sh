#!/bin/sh
# The peer came back without the connection (it rebooted): it answers the
# first keepalive probe with a reset, so a server blocked in read() learns it
# after idle (1 s, +1 s), well before idle + intvl x cnt.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
ns_need python3
ns_setup peer-rebooted
[ "$NS_BRIDGE" = yes ] || skip "no bridge to keep the server's link up"
ns_bg "$NS_A" env LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS "$NS_PYTHON" -c '
import socket, sys
listener = socket.create_server((sys.argv[1], int(sys.argv[2])))
conn, peer = listener.accept()
try:
    conn.recv(1)
    sys.exit("the read ended without an error")
except OSError as e:
    sys.exit("read failed: " + e.strerror)
' "$A4" "$NS_PORT" 2>"$NS_TMP/server.log"
server=$NS_LAST
ns_wait_listener "$NS_A" "$NS_PORT"
ns_bg "$NS_B" "$NS_PYTHON" -c '
import socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
time.sleep(60)
' "$A4" "$NS_PORT"
ns_wait_connection "$NS_A" "$NS_PORT"
ns_pull_cable "$NS_B"
# The reboot: the client's kernel forgets the connection (its reset is lost
# with the cable out), then the cable is back.
ip netns exec "$NS_B" ss -K dst "$A4" >/dev/null 2>&1 || skip "ss -K cannot close sockets here"
[ -z "$(ns_ss "$NS_B" -tn state established)" ] || skip "ss -K left the connection open"
ip -n "$NS_B" link set dev ka0 up || fail "cannot put ka0 back up in $NS_B"
ns_wait_exit "$server" 2000 ||
	fail "server still blocked $(ns_seconds "$NS_ELAPSED") s after the cable was pulled (idle 1 s)"
echo "server noticed after $(ns_seconds "$NS_ELAPSED") s (idle 1 s), exit status $NS_STATUS"
sed 's/^/  | /' "$NS_TMP/server.log"
assert_match "the server's error" 'read failed: Connection reset by peer' "$(cat "$NS_TMP/server.log")"
