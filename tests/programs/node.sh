#!/bin/sh
# Node.js, a server: an http server on libuv's event loop (epoll,
# non-blocking accept4), no keepalive of its own on accepted connections;
# a client that sent half a request waits for headersTimeout (60 s).
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need node socat
prog_setup node

# start_node LABEL ENV-WORDS...
start_node() {
	label=$1
	shift
	prog_port
	# shellcheck disable=SC2086
	ns_bg "$NS_A" env "$@" node -e '
const http = require("http");
const server = http.createServer((req, res) => res.end("ok\n"));
server.on("connection", (socket) => socket.on("close", (hadError) =>
    console.error("connection closed" + (hadError ? " with an error" : ""))));
server.on("clientError", (err, socket) => { console.error("client error: " + err.code); socket.destroy(); });
server.listen(Number(process.argv[2]), process.argv[1]);
' "$A4" "$PROG_PORT" >"$NS_TMP/$label.out" 2>&1
	ns_wait_listener "$NS_A" "$PROG_PORT"
	prog_client "$PROG_PORT" 'GET / HTTP/1.1\r\nHost: test\r\n'
	prog_watch "$label" "$NS_A" "$PROG_PORT"
}

prog_about "Node.js" "$(node --version | sed 's/^v//')" server "none (net.Server keepAlive off)"
# shellcheck disable=SC2086
start_node with $PROG_WITH
start_node without
prog_pull "$NS_B"
prog_noticed with
sed 's/^/  | /' "$NS_TMP/with.out"
prog_blocked without
prog_needs "nothing"
