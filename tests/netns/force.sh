#!/bin/sh
# KEEPALIVE_MODE=force with a dead peer: a server that turns keepalive off
# on its accepted connection itself (SO_KEEPALIVE 0, TCP_KEEPIDLE 7200),
# blocked in recv(), still learns that its client's cable was pulled within
# idle + intvl*cnt = 3 s (+1 s): its setsockopt calls were not made.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need python3 socat
ns_setup force

# shellcheck disable=SC2086
ns_bg "$NS_A" env LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS KEEPALIVE_MODE=force KEEPALIVE_DEBUG=2 \
	"$NS_PYTHON" -c '
import socket, sys
listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.bind((sys.argv[1], int(sys.argv[2])))
listener.listen(1)
conn, peer = listener.accept()
for level, name, value in ((socket.SOL_SOCKET, socket.SO_KEEPALIVE, 0),
                           (socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 7200)):
    conn.setsockopt(level, name, value)
print("keepalive turned off: now %d" % conn.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
      file=sys.stderr, flush=True)
try:
    data = conn.recv(1)
except OSError as e:
    sys.exit("recv failed: " + e.strerror)
sys.exit("recv returned %r" % data)
' "$A4" "$NS_PORT" 2>"$NS_TMP/server.log"
server=$NS_LAST
ns_connect_peer "$NS_PORT"
ns_until 5000 grep -q 'keepalive turned off' "$NS_TMP/server.log" ||
	fail "the server did not get to its setsockopt calls: $(cat "$NS_TMP/server.log")"
assert_match "setsockopt(SO_KEEPALIVE, 0) overridden" "SO_KEEPALIVE, 0\) overridden" "$(cat "$NS_TMP/server.log")"
assert_match "what the server reads back" "keepalive turned off: now 1" "$(cat "$NS_TMP/server.log")"
ns_expect_keepalive "$NS_A" "$NS_PORT"
ns_pull_cable "$NS_B"
ns_expect_noticed server "$server" "$NS_TMP/server.log"
assert_match "python's error" 'recv failed: (Connection timed out|No route to host)' "$(cat "$NS_TMP/server.log")"
