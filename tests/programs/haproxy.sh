#!/bin/sh
# HAProxy, a TCP proxy: its threads accept on the frontend and connect to
# the backend, with no keepalive of its own (option clitcpka is off); a
# client whose cable is pulled sends nothing, and timeout client is 60 s.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need haproxy socat
prog_setup haproxy

# The backend: a server on the proxies' host that reads and never answers.
prog_port
backend=$PROG_PORT
ns_bg "$NS_A" socat -u "TCP4-LISTEN:$backend,bind=127.0.0.1,reuseaddr,fork" OPEN:/dev/null
ns_wait_listener "$NS_A" "$backend"

# start_haproxy LABEL ENV-WORDS...: haproxy in the foreground (-db), and a
# client through it.
start_haproxy() {
	label=$1
	shift
	prog_port
	cat >"$NS_TMP/$label.cfg" <<CONF
global
	maxconn 64
defaults
	mode tcp
	timeout connect 5s
	timeout client 60s
	timeout server 60s
frontend fe
	bind $A4:$PROG_PORT
	default_backend be
backend be
	server backend 127.0.0.1:$backend
CONF
	# shellcheck disable=SC2086
	ns_bg "$NS_A" env "$@" haproxy -db -f "$NS_TMP/$label.cfg" >"$NS_TMP/$label.out" 2>&1
	ns_wait_listener "$NS_A" "$PROG_PORT"
	prog_client "$PROG_PORT" 'hello\n'
	prog_watch "$label" "$NS_A" "$PROG_PORT"
}

prog_about HAProxy "$(haproxy -v | sed -n '1s/^HAProxy version \([^ ]*\).*/\1/p')" server \
	"none (option clitcpka and srvtcpka off)"
# shellcheck disable=SC2086
start_haproxy with $PROG_WITH
start_haproxy without
prog_pull "$NS_B"
prog_noticed with
prog_blocked without
prog_needs "nothing"
