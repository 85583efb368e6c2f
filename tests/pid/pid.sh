# Sourced by the tests of keepalive --pid: the statically linked helper
# (tests/progs/kapidserver.c) started as a server or as a client holding
# connections, and read back through its own path: a byte written to its
# control pipe makes it print the five options of each of its sockets.
. "$KA_SRCDIR/tests/cmd/common.sh"

KA_PIDHELPER="$KA_PROGS/kapidserver"
[ -x "$KA_PIDHELPER" ] || fail "$KA_PIDHELPER is not built"
PID_STARTED=

pid_cleanup() {
	for pid in $PID_STARTED; do
		kill -9 "$pid" 2>/dev/null
	done
	for pid in $PID_STARTED; do
		wait "$pid" 2>/dev/null
	done
	PID_STARTED=
	rm -rf "$KA_TMP"
}
trap pid_cleanup EXIT

# Copies of another process's descriptors need root or CAP_SYS_PTRACE (or
# the same user where Yama allows it): the tests run as root.
pid_need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root (pidfd_getfd on another process)"
}

# pid_wait_for FILE PATTERN [LIMIT_S]: until a line of FILE matches.
pid_wait_for() {
	n=0
	until grep -Eq -- "$2" "$1" 2>/dev/null; do
		n=$((n + 1))
		[ "$n" -lt $((${3:-10} * 50)) ] || fail "no line /$2/ in $1 after ${3:-10} s: $(cat "$1")"
		sleep 0.02
	done
}

# pid_start NAME [PREFIX...] -- ARGS...: starts the helper with ARGS, its
# standard input a control pipe NAME.ctl, its output in NAME.out, after the
# PREFIX words (ip netns exec NS); PID_LAST is its pid (exec keeps it).
pid_start() {
	name=$1
	shift
	prefix=
	while [ "$1" != -- ]; do
		prefix="$prefix $1"
		shift
	done
	shift
	mkfifo "$KA_TMP/$name.ctl" || fail "mkfifo"
	# Read-write: opening it blocks neither side, and it never ends.
	$prefix "$KA_PIDHELPER" "$@" 0<>"$KA_TMP/$name.ctl" >"$KA_TMP/$name.out" 2>&1 &
	PID_LAST=$!
	PID_STARTED="$PID_STARTED $PID_LAST"
}

# pid_server NAME [ADDR [own]] [-- PREFIX...]: a server on ADDR (127.0.0.1), any
# port; PID_LAST its pid, PID_PORT its port.
pid_server() {
	name=$1 addr=${2:-127.0.0.1} own=${3:-}
	shift $(($# < 3 ? $# : 3))
	[ "${1:-}" != -- ] || shift
	pid_start "$name" "$@" -- listen "$addr" 0 $own
	pid_wait_for "$KA_TMP/$name.out" '^port '
	PID_PORT=$(sed -n 's/^port //p' "$KA_TMP/$name.out")
}

# pid_client NAME ADDR PORT N [PREFIX...]: a client holding N connections.
pid_client() {
	name=$1 addr=$2 port=$3 count=$4
	shift 4
	pid_start "$name" "$@" -- connect "$addr" "$port" "$count"
	pid_wait_for "$KA_TMP/$name.out" '^connected ' 60
}

# pid_report NAME: what the helper NAME says of its sockets now, one line
# each ("fd=5 keepalive=1 idle=1 intvl=1 cnt=2 user_timeout=2250"), then
# "alive N".
pid_report() {
	before=$(grep -c '^end$' "$KA_TMP/$1.out")
	printf x >"$KA_TMP/$1.ctl"
	n=0
	until [ "$(grep -c '^end$' "$KA_TMP/$1.out")" -gt "$before" ]; do
		n=$((n + 1))
		[ "$n" -lt 500 ] || fail "$1 did not report"
		sleep 0.02
	done
	awk -v skip="$before" 'skip == 0 && $0 != "end" { print } $0 == "end" { skip-- }' \
		"$KA_TMP/$1.out" | grep -E '^(fd=|alive )'
}

# pid_netns NAME: a private network namespace ka-pid-NAME-PID, its loopback
# the test's own; PID_NS its name, deleted on exit.
pid_netns() {
	PID_NS="ka-pid-$1-$$"
	ip netns add "$PID_NS" 2>/dev/null || skip "cannot create a network namespace"
	trap 'pid_cleanup; ip netns delete "$PID_NS" 2>/dev/null' EXIT
	ip -n "$PID_NS" link set dev lo up
}

# pid_pair N [PREFIX...]: a server ("server") and a client ("client") holding
# N connections to it, on 127.0.0.1; returns once the server accepted them
# all. PID_SERVER, PID_CLIENT are their pids, PID_PORT the port.
pid_pair() {
	count=$1
	shift
	pid_server server 127.0.0.1 "" -- "$@"
	PID_SERVER=$PID_LAST
	pid_client client 127.0.0.1 "$PID_PORT" "$count" "$@"
	PID_CLIENT=$PID_LAST
	n=0
	until pid_report server | grep -qx "alive $count"; do
		n=$((n + 1))
		[ "$n" -lt 600 ] || fail "the server did not accept all $count connections"
		sleep 0.1
	done
}
