#!/bin/sh
# openssl s_client, a TLS client: after the handshake it waits on its
# standard input and the connection (select), with no keepalive of its own.
# The server is openssl s_server, without the library, with a certificate
# made for the test.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need openssl
prog_setup openssl

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj /CN=ka-test \
	-days 1 -keyout "$NS_TMP/key.pem" -out "$NS_TMP/cert.pem" >/dev/null 2>&1 ||
	fail "cannot make a certificate"

# start_client LABEL ENV-WORDS...: s_server, and s_client connected to it,
# their standard inputs pipes that stay open and silent.
start_client() {
	label=$1
	shift
	prog_port
	# s_server ends its session at the end of its standard input.
	ns_bg "$NS_A" sh -c 'sleep 3600 | exec "$@"' sh openssl s_server -quiet \
		-accept "$A4:$PROG_PORT" -cert "$NS_TMP/cert.pem" -key "$NS_TMP/key.pem" >/dev/null 2>&1
	ns_wait_listener "$NS_A" "$PROG_PORT"
	ns_bg "$NS_B" sh -c 'sleep 3600 | exec env "$@"' sh "$@" \
		openssl s_client -quiet -connect "$A4:$PROG_PORT" >"$NS_TMP/$label.out" 2>&1
	prog_watch "$label" "$NS_B" "$PROG_PORT"
	# Handshake done: s_client waits for data only.
	ns_until 5000 grep -q 'verify return' "$NS_TMP/$label.out" ||
		fail "$label: no TLS handshake: $(cat "$NS_TMP/$label.out")"
}

prog_about "openssl s_client" "$(openssl version | sed 's/^OpenSSL \([^ ]*\).*/\1/')" client "none"
# shellcheck disable=SC2086
start_client with $PROG_WITH
start_client without
prog_pull "$NS_A"
prog_noticed with
sed 's/^/  | /' "$NS_TMP/with.out"
prog_blocked without
prog_needs "nothing"
