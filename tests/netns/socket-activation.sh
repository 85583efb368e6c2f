#!/bin/sh
# A server given its listener by systemd-socket-activate (fd 3, created by
# the launcher, which runs without the preload) learns that its client's
# cable was pulled within idle + intvl*cnt (+1 s). The launcher starts the
# server when the first connection arrives: that connection was queued
# before the library configured the listener, and is configured at accept().
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need systemd-socket-activate python3 socat
ns_setup socket-activation

# The launcher passes on only the variables given with -E (and, in a
# sanitized build, the sanitizers' options that make check sets).
ns_bg "$NS_A" systemd-socket-activate -l "$A4:$NS_PORT" \
	-E LD_PRELOAD="$KA_PRELOAD" -E KEEPALIVE_IDLE=1 -E KEEPALIVE_INTVL=1 \
	-E KEEPALIVE_CNT=2 -E KEEPALIVE_DEBUG=2 \
	${ASAN_OPTIONS+-E "ASAN_OPTIONS=$ASAN_OPTIONS"} \
	${UBSAN_OPTIONS+-E "UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
	"$NS_PYTHON" -c '
import socket, sys
listener = socket.socket(fileno=3)
conn, peer = listener.accept()
try:
    data = conn.recv(1)
except OSError as e:
    sys.exit("recv failed: " + e.strerror)
sys.exit("recv returned %r" % data)
' 2>"$NS_TMP/server.log"
server=$NS_LAST
ns_connect_peer "$NS_PORT"
ns_until 5000 grep -q 'configured at accept' "$NS_TMP/server.log" ||
	fail "the accepted connection was not configured: $(cat "$NS_TMP/server.log")"
ns_expect_keepalive "$NS_A" "$NS_PORT"
ns_pull_cable "$NS_B"
ns_expect_noticed server "$server" "$NS_TMP/server.log"
assert_match "python's error" 'recv failed: (Connection timed out|No route to host)' "$(cat "$NS_TMP/server.log")"
