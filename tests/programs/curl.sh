#!/bin/sh
# curl, a client waiting for the response to its request: it turns
# keepalive on itself with its own timers (--keepalive-time 60: idle and
# interval 60 s), which respect mode keeps and force mode replaces with
# ours; with --no-keepalive it leaves the socket alone, and ours stand.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need curl socat
prog_setup curl

# start_curl LABEL CURL-OPTIONS -- ENV-WORDS...: curl against a server that
# reads the request and never answers.
start_curl() {
	label=$1 opts=
	shift
	while [ "$1" != "--" ]; do opts="$opts $1"; shift; done
	shift
	prog_port
	prog_server "$PROG_PORT"
	# shellcheck disable=SC2086
	ns_bg "$NS_B" env "$@" curl -sS $opts "http://$A4:$PROG_PORT/" >"$NS_TMP/$label.out" 2>&1
	prog_watch "$label" "$NS_B" "$PROG_PORT"
}

prog_about curl "$(curl --version | sed -n '1s/^curl \([^ ]*\).*/\1/p')" client \
	"SO_KEEPALIVE, idle and intvl 60 s (--keepalive-time)"
# shellcheck disable=SC2086
start_curl force -- $PROG_WITH KEEPALIVE_MODE=force
# shellcheck disable=SC2086
start_curl nokeepalive --no-keepalive -- $PROG_WITH
# shellcheck disable=SC2086
start_curl respect -- $PROG_WITH
start_curl without --
prog_own_timer respect '([1-5][0-9]sec|1min)'
prog_pull "$NS_A"
prog_noticed force "KEEPALIVE_MODE=force"
prog_noticed nokeepalive "--no-keepalive"
sed 's/^/  | /' "$NS_TMP/force.out"
prog_kept respect "respect mode: its own 60 s kept"
prog_blocked without
prog_needs "KEEPALIVE_MODE=force, or --no-keepalive"
