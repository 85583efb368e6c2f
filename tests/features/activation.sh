#!/bin/sh
# systemd socket activation on loopback: systemd-socket-activate (not
# preloaded) listens on 127.0.0.1:PORT and, at the first connection, execs
# a shell that waits until all clients have connected before it execs the
# program under the preload. The library's constructor configures the
# listener (fd 3, LISTEN_PID == getpid()) before main(); the connections
# that queued before it carry nothing and get ours at accept(); once one
# arrives that inherited keepalive, accept() costs no system call (strace).
# With --accept, the connection passed as fd 3 is configured at start-up.
. "$KA_SRCDIR/tests/lib.sh"
need systemd-socket-activate python3

scratch
tmp=$KA_TMP
pids=""
at_exit 'for pid in $pids; do kill "$pid" 2>/dev/null; done
	for pid in $pids; do wait "$pid" 2>/dev/null; done'

# activate NAME QUEUED [strace...] -- KAACCEPT-WORDS...: runs kaaccept
# behind systemd-socket-activate, with QUEUED clients connected (and held)
# before it starts; its output in $tmp/NAME.out, stderr in $tmp/NAME.err.
activate() {
	name=$1 queued=$2
	shift 2
	tracer=""
	while [ "$1" != "--" ]; do tracer="$tracer $1"; shift; done
	shift
	port=$(free_port)
	go="$tmp/$name.go"
	# shellcheck disable=SC2086
	$tracer systemd-socket-activate -l "127.0.0.1:$port" \
		sh -c 'until [ -e "$0" ]; do sleep 0.02; done; exec "$@"' "$go" \
		env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS KEEPALIVE_DEBUG=2 \
		${ASAN_OPTIONS+"ASAN_OPTIONS=$ASAN_OPTIONS"} ${UBSAN_OPTIONS+"UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
		"$KA_PROGS/kaaccept" "$@" \
		>"$tmp/$name.out" 2>"$tmp/$name.err" &
	server=$!
	pids="$pids $server"
	i=0
	until grep -q "Listening on" "$tmp/$name.err" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 250 ] || fail "systemd-socket-activate did not listen: $(cat "$tmp/$name.err")"
		sleep 0.02
	done
	# The first connection makes it exec the shell; the rest queue while
	# the shell waits, before the program (and the library) starts: it
	# goes on only once every client is connected.
	python3 -c '
import socket, sys, time
held = [socket.create_connection(("127.0.0.1", int(sys.argv[1]))) for _ in range(int(sys.argv[2]))]
sys.stdout.write("connected\n")
sys.stdout.flush()
time.sleep(30)' "$port" "$queued" >"$tmp/$name.clients" &
	clients=$!
	pids="$pids $clients"
	i=0
	until grep -q connected "$tmp/$name.clients" 2>/dev/null; do
		i=$((i + 1))
		[ "$i" -lt 500 ] || fail "the clients did not connect"
		sleep 0.02
	done
	: >"$go"
	wait "$server" || fail "kaaccept behind systemd-socket-activate failed: $(cat "$tmp/$name.err")"
	grep -q connected "$tmp/$name.clients" || fail "the clients did not connect"
	kill "$clients" 2>/dev/null
}

activate plain 4 -- listener accept 4 queue 1 accept 1 listener
assert_eq "listener configured at start-up, queued connections at accept" "listener $KA_OURS
accepted $KA_OURS
accepted $KA_OURS
accepted $KA_OURS
accepted $KA_OURS
accepted $KA_OURS
listener $KA_OURS" "$(cat "$tmp/plain.out")"
grep -q "fd 3: configured at start-up (socket activation)" "$tmp/plain.err" ||
	fail "no start-up line: $(cat "$tmp/plain.err")"
n=$(grep -c "configured at accept(), having queued before its listener was configured" "$tmp/plain.err")
assert_eq "connections configured at accept (queued before start-up)" 4 "$n"
grep -q "accepted with keepalive on, inherited from its listener: so will be every later connection" "$tmp/plain.err" ||
	fail "the connection made after start-up was not seen to inherit: $(cat "$tmp/plain.err")"

# With --accept (Accept=yes), fd 3 is a connection: configured at start-up.
port=$(free_port)
systemd-socket-activate --accept -l "127.0.0.1:$port" -E LD_PRELOAD="$KA_PRELOAD" \
	-E KEEPALIVE_IDLE=30 -E KEEPALIVE_INTVL=5 -E KEEPALIVE_CNT=4 \
	${ASAN_OPTIONS+-E "ASAN_OPTIONS=$ASAN_OPTIONS"} ${UBSAN_OPTIONS+-E "UBSAN_OPTIONS=$UBSAN_OPTIONS"} \
	"$KA_PROGS/kaprobe" fd 3 >"$tmp/accept.out" 2>"$tmp/accept.err" &
pids="$pids $!"
python3 -c '
import socket, sys, time
for attempt in range(250):
    try:
        conn = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
        break
    except ConnectionRefusedError:
        time.sleep(0.02)
conn.recv(1)' "$port" || fail "could not connect to systemd-socket-activate --accept"
assert_eq "connection passed with --accept" "$KA_OURS" "$(cat "$tmp/accept.out")"

# System calls: per queued connection, then none once settled.
need_strace
activate traced 3 strace -f -o "$tmp/trace" -e trace=setsockopt,getsockopt,write -- \
	mark start accept 3 mark queued cycle 1 mark settled cycle 50 mark end
count() { # count FROM TO PATTERN
	count_calls "$tmp/trace" "$@"
}
set_queued=$(count "mark start" "mark queued" 'setsockopt\(')
get_queued=$(count "mark start" "mark queued" 'getsockopt\(')
calls_first=$(count "mark queued" "mark settled" '(set|get)sockopt\(')
calls_settled=$(count "mark settled" "mark end" '(set|get)sockopt\(')
echo "queued connections (3): $set_queued setsockopt, $get_queued getsockopt (kaaccept reads 5 a connection)"
echo "first connection made after start-up: $calls_first calls; next 50: $calls_settled"
assert_eq "setsockopt per queued connection x 3" 15 "$set_queued"
# Per queued connection, the library's SO_KEEPALIVE read and kaaccept's 5.
assert_eq "getsockopt per queued connection x 3" 18 "$get_queued"
# The first one after start-up: one SO_KEEPALIVE read finds it inherited.
assert_eq "calls for the first connection after start-up" 1 "$calls_first"
assert_eq "calls once settled (50 connections)" 0 "$calls_settled"
