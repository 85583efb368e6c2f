# Dead-peer scenarios in private network namespaces: sourced, never run.
#
# ns_setup NAME creates two hosts, network namespaces named after the test
# and this shell's pid so that tests can run in parallel:
#
#   $NS_A  ka0  $A4 (10.X.Y.1/24)  $A6 (fd00:6b61:X:Y::1/64)   usually the server
#   $NS_B  ka0  $B4 (10.X.Y.2/24)  $B6 (fd00:6b61:X:Y::2/64)   usually the client
#
# each plugged by a veth pair into a switch, a bridge in a third namespace
# $NS_S, so that when one host's cable is pulled the other keeps its link up,
# as on a real network (without bridges, NS_BRIDGE=no: the two are joined
# directly and both lose their link when one cable is pulled). Nothing
# is routed out of them: their traffic stays between the two. $NS_PORT
# is a port for the test, $NS_TMP its scratch directory ($KA_TMP). On exit,
# every process started in them (and with ns_bg) is killed and they are
# deleted, even when the test fails. Times are integer milliseconds.
#
# Sourced after tests/lib.sh (fail, skip, need, scratch, at_exit); skip is
# called when not root or when namespaces cannot be created.

NS_A= NS_B= NS_S= NS_CREATED= NS_PIDS= NS_TMP= NS_LAST= NS_T0= NS_ELAPSED= NS_STATUS=

ns_now() {
	date +%s%3N
}

# ns_seconds MS: 3050 -> 3.05
ns_seconds() {
	printf '%d.%02d' $(($1 / 1000)) $(($1 % 1000 / 10))
}

ns_cleanup() {
	for pid in $NS_PIDS; do
		kill "$pid" 2>/dev/null
	done
	for ns in $NS_CREATED; do
		pids=$(ip netns pids "$ns" 2>/dev/null)
		[ -z "$pids" ] || kill -9 $pids 2>/dev/null
		ip netns delete "$ns" 2>/dev/null
	done
	for pid in $NS_PIDS; do
		wait "$pid" 2>/dev/null
	done
	NS_PIDS= NS_CREATED=
}

ns_add() {
	ip netns add "$1" 2>/dev/null || return 1
	NS_CREATED="$NS_CREATED $1"
	ip -n "$1" link set dev lo up
	# Addresses are usable at once: no duplicate address detection.
	ip netns exec "$1" sh -c 'for f in all default; do
		echo 0 >/proc/sys/net/ipv6/conf/$f/accept_dad; done' 2>/dev/null || :
}

# ns_plug NS PORT: a veth pair from the namespace's ka0 to PORT on the bridge.
ns_plug() {
	ip -n "$NS_S" link add "$2" type veth peer name ka0 netns "$1" &&
		ip -n "$NS_S" link set dev "$2" master br0 &&
		ip -n "$NS_S" link set dev "$2" up
}

ns_setup() {
	[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
	need ip
	tag=$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' _ | cut -c1-24)
	NS_A="ka-$tag-$$-a"
	NS_B="ka-$tag-$$-b"
	NS_S="ka-$tag-$$-s"
	at_exit ns_cleanup
	ns_add "$NS_A" && ns_add "$NS_B" && ns_add "$NS_S" ||
		skip "cannot create network namespaces (ip netns add failed)"
	scratch
	NS_TMP=$KA_TMP

	x=$(($$ >> 8 & 255)) y=$(($$ & 255))
	A4=10.$x.$y.1 B4=10.$x.$y.2
	A6=$(printf 'fd00:6b61:%x:%x::1' $x $y) B6=$(printf 'fd00:6b61:%x:%x::2' $x $y)
	NS_PORT=$((20000 + $$ % 20000))

	NS_BRIDGE=yes
	if ip -n "$NS_S" link add br0 type bridge 2>/dev/null; then
		ip -n "$NS_S" link set dev br0 up &&
			ns_plug "$NS_A" pa && ns_plug "$NS_B" pb ||
			fail "cannot plug the hosts into the bridge"
	else
		NS_BRIDGE=no
		ip -n "$NS_A" link add ka0 type veth peer name ka0 netns "$NS_B" ||
			fail "cannot create a veth pair"
	fi
	ip -n "$NS_A" addr add "$A4/24" dev ka0 &&
		ip -n "$NS_B" addr add "$B4/24" dev ka0 ||
		fail "cannot add IPv4 addresses"
	NS_IPV6=yes
	ip -n "$NS_A" -6 addr add "$A6/64" dev ka0 nodad 2>/dev/null &&
		ip -n "$NS_B" -6 addr add "$B6/64" dev ka0 nodad 2>/dev/null || NS_IPV6=no
	ip -n "$NS_A" link set dev ka0 up && ip -n "$NS_B" link set dev ka0 up ||
		fail "cannot bring the veth pair up"
}

# ns_bg NS COMMAND...: runs COMMAND in the namespace in the background
# (redirect the call to capture its output). NS_LAST is its pid: ip netns
# exec execs the command, so it is the command's own pid.
ns_bg() {
	ns=$1
	shift
	ip netns exec "$ns" "$@" &
	NS_LAST=$!
	NS_PIDS="$NS_PIDS $NS_LAST"
}

# ns_until LIMIT_MS COMMAND...: polls COMMAND until it succeeds; fails after
# LIMIT_MS.
ns_until() {
	deadline=$(($(ns_now) + $1))
	shift
	until "$@"; do
		[ "$(ns_now)" -lt "$deadline" ] || return 1
		sleep 0.02
	done
}

# ns_ss NS ARGS...: ss inside the namespace, without its header.
ns_ss() {
	ns=$1
	shift
	ip netns exec "$ns" ss -H "$@"
}

ns_has_listener() {
	[ -n "$(ns_ss "$1" -ltn "sport = :$2")" ]
}

ns_has_connection() {
	[ -n "$(ns_ss "$1" -tn state established "( sport = :$2 or dport = :$2 )")" ]
}

# ns_wait_listener NS PORT: waits (5 s at most) until something listens on PORT.
ns_wait_listener() {
	ns_until 5000 ns_has_listener "$1" "$2" ||
		fail "nothing listens on port $2 in $1 after 5 s"
}

# ns_wait_connection NS PORT: waits (5 s at most) for an established
# connection to or from PORT.
ns_wait_connection() {
	ns_until 5000 ns_has_connection "$1" "$2" ||
		fail "no connection on port $2 in $1 after 5 s"
}

# ns_pull_cable NS: takes the namespace's ka0 down, as if its cable were
# pulled: from then on, packets between the two hosts are lost without a word
# to either side. NS_T0 is the moment it happened.
ns_pull_cable() {
	ip -n "$1" link set dev ka0 down || fail "cannot take ka0 down in $1"
	NS_T0=$(ns_now)
}

# True once PID has exited (a zombie, or gone).
ns_exited() {
	{ read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
	stat=${stat##*) }
	[ "${stat%% *}" = Z ]
}

# ns_wait_exit PID LIMIT_MS: waits until the background process PID exits, at
# most LIMIT_MS after NS_T0. NS_ELAPSED is the time since NS_T0 when it exited
# (or when waiting stopped); NS_STATUS its exit status. Fails (returns 1) if it
# is still running.
ns_wait_exit() {
	deadline=$((NS_T0 + $2))
	while ! ns_exited "$1"; do
		now=$(ns_now)
		if [ "$now" -ge "$deadline" ]; then
			NS_ELAPSED=$((now - NS_T0))
			return 1
		fi
		sleep 0.02
	done
	NS_ELAPSED=$(($(ns_now) - NS_T0))
	NS_STATUS=0
	wait "$1" || NS_STATUS=$?
	NS_PIDS=$(printf '%s\n' $NS_PIDS | grep -vx "$1" | tr '\n' ' ')
	return 0
}

# The system's python3 (not a shim that would run under the preload too).
NS_PYTHON=python3
[ ! -x /usr/bin/python3 ] || NS_PYTHON=/usr/bin/python3

# The timers of the tests: detection within idle + intvl*cnt = 3 s.
NS_TIMERS="KEEPALIVE_IDLE=1 KEEPALIVE_INTVL=1 KEEPALIVE_CNT=2"
NS_BOUND=3000

# ns_expect_keepalive NS PORT: the connection on PORT has a keepalive timer.
ns_expect_keepalive() {
	conn=$(ns_ss "$1" -tno state established "( sport = :$2 or dport = :$2 )")
	assert_match "keepalive timer on port $2 in $1" 'timer:\(keepalive' "$conn"
}

# ns_socat_pair PORT 4|6 [VAR=VALUE...]: in $NS_A a socat server blocked in
# read() on a connection from a socat client in $NS_B that sends nothing;
# the server runs with the VAR=VALUE words in its environment (for the
# preload: LD_PRELOAD=... and the settings). Returns once connected, with
# NS_SERVER its pid and NS_LOG its stderr.
ns_socat_pair() {
	port=$1 family=$2
	shift 2
	case $family in
	4) listen="TCP4-LISTEN:$port,bind=$A4" peer="TCP4:$A4:$port" ;;
	6) [ "$NS_IPV6" = yes ] || skip "IPv6 addresses cannot be added"
	   listen="TCP6-LISTEN:$port,bind=[$A6]" peer="TCP6:[$A6]:$port" ;;
	esac
	NS_LOG="$NS_TMP/server-$port.log"
	ns_bg "$NS_A" env "$@" socat -u "$listen" STDOUT 2>"$NS_LOG"
	NS_SERVER=$NS_LAST
	ns_connect_peer "$port" "$peer"
}

# ns_connect_peer PORT [ADDRESS]: once something listens on PORT in $NS_A,
# a socat client in $NS_B that connects to it (at $A4, or socat's ADDRESS)
# and sends nothing; returns once connected.
ns_connect_peer() {
	ns_wait_listener "$NS_A" "$1"
	ns_bg "$NS_B" socat -u "${2:-TCP4:$A4:$1}" STDOUT
	ns_wait_connection "$NS_A" "$1"
}

# ns_expect_noticed WHO PID LOG: the process must exit within NS_BOUND + 1 s
# after the cable was pulled, and not before half of NS_BOUND (an end of
# file or a reset would be quicker: that is not keepalive noticing); prints
# the time it took and what it wrote.
ns_expect_noticed() {
	bound=$((NS_BOUND / 1000))
	ns_wait_exit "$2" $((NS_BOUND + 1000)) ||
		fail "$1 still blocked $(ns_seconds "$NS_ELAPSED") s after the cable was pulled (bound $bound s)"
	echo "$1 noticed after $(ns_seconds "$NS_ELAPSED") s (bound $bound s), exit status $NS_STATUS"
	sed 's/^/  | /' "$3"
	[ "$NS_ELAPSED" -ge $((NS_BOUND / 2)) ] ||
		fail "$1 ended after only $(ns_seconds "$NS_ELAPSED") s: not keepalive's doing"
}

# ns_delay MS: a path with MS ms of round-trip time between the two hosts:
# netem on each host's link where the kernel has it (half each way),
# otherwise a delay line in the switch (delay.py) in place of the bridge,
# which needs ethtool to turn the links' offloads off (it moves frames as
# they are on the wire). Skips the test when neither can be set up.
ns_delay() {
	rtt=$1 half=$(($1 / 2))
	if ip netns exec "$NS_A" tc qdisc add dev ka0 root netem delay "${half}ms" 2>/dev/null; then
		ip netns exec "$NS_B" tc qdisc add dev ka0 root netem delay "${half}ms" ||
			fail "netem on $NS_B"
		return
	fi
	[ "$NS_BRIDGE" = yes ] || skip "no netem and no switch for a delay line"
	ns_need ethtool
	ip -n "$NS_S" link set dev pa nomaster && ip -n "$NS_S" link set dev pb nomaster ||
		fail "cannot take the ports off the bridge"
	for dev in "$NS_A ka0" "$NS_B ka0" "$NS_S pa" "$NS_S pb"; do
		# shellcheck disable=SC2086 # namespace and device
		set -- $dev
		ip netns exec "$1" ethtool -K "$2" tx off rx off tso off gso off gro off \
			>/dev/null 2>&1 || skip "ethtool cannot turn the offloads off"
	done
	ns_bg "$NS_S" "$NS_PYTHON" "$KA_SRCDIR/tests/netns/delay.py" pa pb "$rtt"
	ns_until 5000 ns_reachable || fail "no path through the delay line after 5 s"
}

# True once $NS_B reaches $NS_A (a TCP connection attempt answered).
ns_reachable() {
	ip netns exec "$NS_B" "$NS_PYTHON" -c '
import socket, sys
s = socket.socket()
s.settimeout(1)
try:
    s.connect((sys.argv[1], 9))
except ConnectionRefusedError:
    sys.exit(0)
except OSError:
    sys.exit(1)
' "$A4"
}

# ns_sender MODE: a server in $NS_A under the preload that accepts one
# connection from $NS_B, reads a byte, waits until the cable is pulled
# ($NS_TMP/go appears), then writes (MODE byte: one byte; bulk: 256 KiB
# without blocking) and reads until the connection fails. NS_SENDER is its
# pid, its stderr $NS_TMP/sender.log.
ns_sender() {
	ns_bg "$NS_A" env LD_PRELOAD="$KA_PRELOAD" $NS_TIMERS "$NS_PYTHON" -c '
import os, socket, sys, time
listener = socket.create_server((sys.argv[1], int(sys.argv[2])))
conn, peer = listener.accept()
conn.recv(1)
while not os.path.exists(sys.argv[4]):
    time.sleep(0.005)
try:
    if sys.argv[3] == "bulk":
        conn.setblocking(False)
        try:
            conn.send(b"x" * 262144)
        except BlockingIOError:
            pass
        conn.setblocking(True)
    else:
        conn.send(b"x")
    conn.recv(1)
    sys.exit("the read ended without an error")
except OSError as e:
    sys.exit("failed: " + e.strerror)
' "$A4" "$NS_PORT" "$1" "$NS_TMP/go" 2>"$NS_TMP/sender.log"
	NS_SENDER=$NS_LAST
	ns_wait_listener "$NS_A" "$NS_PORT"
	ns_bg "$NS_B" "$NS_PYTHON" -c '
import socket, sys, time
s = socket.create_connection((sys.argv[1], int(sys.argv[2])))
s.send(b"x")
time.sleep(60)
' "$A4" "$NS_PORT"
	ns_wait_connection "$NS_A" "$NS_PORT"
}

# ns_in_flight MODE...: for each MODE (byte, bulk), a sender under the
# preload writes once the cable is pulled and must learn of it within
# NS_BOUND + 1 s, from the ETIMEDOUT of its read.
ns_in_flight() {
	for mode in "$@"; do
		ns_sender "$mode"
		ns_pull_cable "$NS_B"
		: >"$NS_TMP/go"
		ns_expect_noticed "sender ($mode)" "$NS_SENDER" "$NS_TMP/sender.log"
		assert_match "sender's error ($mode)" 'failed: Connection timed out' \
			"$(cat "$NS_TMP/sender.log")"
		rm -f "$NS_TMP/go"
		ip -n "$NS_B" link set dev ka0 up || fail "cannot put ka0 back up in $NS_B"
		NS_PORT=$((NS_PORT + 1))
	done
}
