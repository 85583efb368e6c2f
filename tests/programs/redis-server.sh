#!/bin/sh
# redis-server, a server: one event loop (epoll), and its own keepalive on
# every accepted connection (tcp-keepalive 300: SO_KEEPALIVE, idle 300 s,
# interval 100 s, 3 probes). Respect mode keeps that: the program chose it.
# With tcp-keepalive 0 it leaves the connection alone, which then has ours
# from its listener; force mode gives ours whatever the setting.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need redis-server socat
prog_setup redis-server

# start_redis LABEL TCP-KEEPALIVE ENV-WORDS...: a redis-server in the
# foreground, no persistence, and a client that sends nothing.
start_redis() {
	label=$1 ka=$2
	shift 2
	prog_port
	dir="$NS_TMP/redis-$PROG_PORT"
	mkdir -p "$dir"
	# shellcheck disable=SC2086
	ns_bg "$NS_A" env "$@" redis-server --port "$PROG_PORT" --bind "$A4" --daemonize no \
		--save '' --appendonly no --dir "$dir" --protected-mode no --tcp-keepalive "$ka" \
		--logfile "$dir/log"
	ns_wait_listener "$NS_A" "$PROG_PORT"
	prog_client "$PROG_PORT"
	prog_watch "$label" "$NS_A" "$PROG_PORT"
}

prog_about redis-server "$(redis-server --version | sed 's/.* v=\([^ ]*\).*/\1/')" server \
	"tcp-keepalive 300 (idle 300 s, intvl 100 s, cnt 3) on accepted connections"
# shellcheck disable=SC2086
start_redis ka0 0 $PROG_WITH
# shellcheck disable=SC2086
start_redis force 300 $PROG_WITH KEEPALIVE_MODE=force
# shellcheck disable=SC2086
start_redis respect 300 $PROG_WITH
start_redis without 0
prog_own_timer respect '[45]min'
prog_pull "$NS_B"
prog_noticed ka0 "tcp-keepalive 0"
prog_noticed force "KEEPALIVE_MODE=force"
prog_kept respect "tcp-keepalive 300, respect mode: its own 300 s kept"
prog_blocked without
prog_needs "tcp-keepalive 0, or KEEPALIVE_MODE=force"
