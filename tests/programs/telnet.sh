#!/bin/sh
# telnet (GNU inetutils), a client waiting on the connection and its
# terminal (select), with no keepalive of its own; its standard input is a
# pipe that stays open and silent.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need telnet socat
prog_setup telnet

# start_telnet LABEL ENV-WORDS...
start_telnet() {
	label=$1
	shift
	prog_port
	prog_server "$PROG_PORT"
	ns_bg "$NS_B" sh -c 'sleep 3600 | exec env "$@"' sh "$@" \
		telnet "$A4" "$PROG_PORT" >"$NS_TMP/$label.out" 2>&1
	prog_watch "$label" "$NS_B" "$PROG_PORT"
}

prog_about telnet "$(telnet --version | sed -n '1s/.* \([0-9][0-9.]*\)$/inetutils \1/p')" client "none"
# shellcheck disable=SC2086
start_telnet with $PROG_WITH
start_telnet without
prog_pull "$NS_A"
prog_noticed with
sed 's/^/  | /' "$NS_TMP/with.out"
prog_blocked without
prog_needs "nothing"
