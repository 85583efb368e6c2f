#!/bin/sh
# Python's http.client, a client waiting for the response to its request:
# one blocking socket from socket.create_connection(), no keepalive of its
# own; the exception ends the program.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need python3 socat
prog_setup python3

# start_python LABEL ENV-WORDS...
start_python() {
	label=$1
	shift
	prog_port
	prog_server "$PROG_PORT"
	# shellcheck disable=SC2086
	ns_bg "$NS_B" env "$@" "$NS_PYTHON" -c '
import http.client, sys
conn = http.client.HTTPConnection(sys.argv[1], int(sys.argv[2]))
conn.request("GET", "/")
try:
    conn.getresponse()
except OSError as e:
    sys.exit("getresponse failed: %s" % e.strerror)
' "$A4" "$PROG_PORT" >"$NS_TMP/$label.out" 2>&1
	prog_watch "$label" "$NS_B" "$PROG_PORT"
}

prog_about "python3 http.client" "$("$NS_PYTHON" -c 'import platform; print(platform.python_version())')" \
	client "none"
# shellcheck disable=SC2086
start_python with $PROG_WITH
start_python without
prog_pull "$NS_A"
prog_noticed with
sed 's/^/  | /' "$NS_TMP/with.out"
assert_match "python's error" 'getresponse failed: (Connection timed out|No route to host)' "$(cat "$NS_TMP/with.out")"
prog_blocked without
prog_needs "nothing"
