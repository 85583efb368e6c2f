#!/bin/sh
# redis-cli, a client blocked in BLPOP (a reply that never comes): hiredis
# turns keepalive on itself (redisEnableKeepAlive: idle 15 s, interval 5 s,
# 3 probes), which respect mode keeps; force mode gives ours. The server
# is a redis-server without the library in the other host, whose cable is
# pulled.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need redis-server redis-cli
prog_setup redis-cli

prog_port
server=$PROG_PORT
ns_bg "$NS_A" redis-server --port "$server" --bind "$A4" --daemonize no --save '' \
	--appendonly no --dir "$NS_TMP" --protected-mode no --tcp-keepalive 0 \
	--logfile "$NS_TMP/redis.log"
ns_wait_listener "$NS_A" "$server"

# start_cli LABEL ENV-WORDS...: redis-cli waiting for a list that stays empty.
start_cli() {
	label=$1
	shift
	# shellcheck disable=SC2086
	ns_bg "$NS_B" env "$@" redis-cli -h "$A4" -p "$server" BLPOP "ka-$label" 0 \
		>"$NS_TMP/$label.out" 2>&1
	prog_watch "$label" "$NS_B" "$server"
}

prog_about redis-cli "$(redis-cli --version | sed 's/^redis-cli //')" client \
	"hiredis keepalive (idle 15 s, intvl 5 s, cnt 3)"
# shellcheck disable=SC2086
start_cli force $PROG_WITH KEEPALIVE_MODE=force
# shellcheck disable=SC2086
start_cli respect $PROG_WITH
start_cli without
prog_own_timer respect '(1[0-5]sec|[2-9][.][0-9]+ms)'
prog_pull "$NS_A"
prog_noticed force "KEEPALIVE_MODE=force"
sed 's/^/  | /' "$NS_TMP/force.out"
prog_kept respect "respect mode: its own 15 s kept"
prog_blocked without
prog_needs "KEEPALIVE_MODE=force"
