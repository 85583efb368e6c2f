# Real programs with a dead peer: sourced after tests/lib.sh and
# tests/netns/netns.sh, never run. Each test starts its program in $NS_A
# (a server, with a socat client in $NS_B) or in $NS_B (a client of a server
# in $NS_A), once or more with the library and once without, each instance
# on its own port, pulls the peer's cable once, and checks that every
# instance with the library closed its connection within the bound + 1 s,
# and that the one without (or one whose own keepalive the library kept) is
# still blocked after the bound + 2 s. Noticed means the program closed its
# socket (or exited): the test follows the connection's inode in the
# program's descriptors, so a socket the kernel ended but the program still
# holds counts as not noticed.
#
# The log's "compat KEY: VALUE" lines feed scripts/compat-table, which makes
# the table in the README from them.

# prog_setup NAME: the namespaces, and a skip in a sanitized build: the
# sanitizer's runtime would be preloaded into programs not built with it.
prog_setup() {
	[ -z "${KA_SANITIZER_RUNTIME:-}" ] ||
		skip "real programs are not run under a sanitizer's runtime"
	ns_setup "prog-$1"
	PROG_PORT=$NS_PORT
}

# prog_port: the next port for an instance (in private namespaces).
prog_port() {
	PROG_PORT=$((PROG_PORT + 1))
}

# prog_about PROGRAM VERSION ROLE KEEPALIVE: what the table says of it.
prog_about() {
	echo "compat program: $1"
	echo "compat version: $2"
	echo "compat role: $3"
	echo "compat keepalive: $4"
}

# prog_needs TEXT: what it takes for the library to work with the program.
prog_needs() {
	echo "compat needs: $1"
}

# The library and the tests' timers, as env words.
PROG_WITH="LD_PRELOAD=$KA_PRELOAD $NS_TIMERS"

# The inode of an established connection to or from PORT in NS, not one
# watched already (several clients may connect to one server).
PROG_WATCHED= PROG_LABELS=
prog_inode() {
	ns_ss "$1" -tne state established "( sport = :$2 or dport = :$2 )" 2>/dev/null |
		sed -n 's/.* ino:\([1-9][0-9]*\) .*/\1/p' |
		awk -v watched=" $PROG_WATCHED " 'index(watched, " " $0 " ") == 0' | head -n 1
}

# The descriptors in NS that hold socket inode INO, as PID/fd/N words.
prog_holders() {
	for pid in $(ip netns pids "$1"); do
		for fd in "/proc/$pid/fd/"*; do
			[ "$(readlink "$fd" 2>/dev/null)" != "socket:[$2]" ] || printf '%s ' "${fd#/proc/}"
		done
	done
}

# prog_holds PID/fd/N...: true while one of the descriptors is open. Only
# shell built-ins, so that the watchers are quick on a busy machine; a
# descriptor closed and reused at once would count as still held (a failure,
# never a false pass), and prog_still checks the inode too.
prog_holds() {
	for fd in "$@"; do
		[ ! -e "/proc/$fd" ] || return 0
	done
	return 1
}

# prog_holds_inode INO PID/fd/N...: the same, the descriptor still the socket.
prog_holds_inode() {
	ino=$1
	shift
	for fd in "$@"; do
		[ "$(readlink "/proc/$fd" 2>/dev/null)" != "socket:[$ino]" ] || return 0
	done
	return 1
}

# prog_client PORT [TEXT]: a socat client in $NS_B that connects to PORT on
# $A4, sends TEXT (printf's format: "GET / HTTP/1.1\r\n") and then nothing,
# never closing.
prog_client() {
	script="$NS_TMP/client-$1.sh"
	printf 'printf %s\nexec sleep 3600\n' "'${2:-}'" >"$script"
	ns_bg "$NS_B" socat -u EXEC:"sh $script" "TCP4:$A4:$1"
}

# prog_server PORT: a socat server in $NS_A on PORT that reads what its one
# client sends and never answers.
prog_server() {
	ns_bg "$NS_A" socat -u "TCP4-LISTEN:$1,bind=$A4,reuseaddr" OPEN:/dev/null
	ns_wait_listener "$NS_A" "$1"
}

# prog_watch LABEL NS PORT: waits (5 s at most) for the program's connection
# on PORT in NS, and remembers it and the processes holding it as LABEL.
prog_watch() {
	w_ns=$2 w_port=$3 ino= holders=
	ns_until 5000 eval 'ino=$(prog_inode "$w_ns" "$w_port"); [ -n "$ino" ]' ||
		fail "$1: no connection on port $3 in $2 after 5 s"
	ns_until 5000 eval 'holders=$(prog_holders "$w_ns" "$ino"); [ -n "$holders" ]' ||
		fail "$1: no process holds the connection on port $3"
	PROG_WATCHED="$PROG_WATCHED $ino"
	PROG_LABELS="$PROG_LABELS $1"
	eval "PROG_INO_$1=\$ino PROG_PIDS_$1=\"\$holders\" PROG_NS_$1=\$w_ns PROG_AT_$1=\$w_port"
}

# prog_timer LABEL: the timer of LABEL's connection as ss -o shows it:
# timer:(keepalive,4min59sec,0).
prog_timer() {
	eval "t_ns=\$PROG_NS_$1 t_ino=\$PROG_INO_$1"
	ns_ss "$t_ns" -tnoe state established 2>/dev/null | grep " ino:$t_ino " |
		sed -n 's/.*\(timer:([^)]*)\).*/\1/p'
}

# prog_own_timer LABEL PATTERN: LABEL's connection carries the program's
# own keepalive timer, not ours (an extended regular expression for the
# time left: [45]min for 300 s).
prog_own_timer() {
	# ss shows 2 to 9.999 s as 2.000ms to 9.999ms. Close to a probe the
	# timer is short, whoever set it: it is looked at for up to 3 s (ours,
	# idle 1 s, never shows 2 s or more).
	o_label=$1 o_pattern="^timer:\(keepalive,$2" timer=
	ns_until 3000 eval 'timer=$(prog_timer "$o_label"); printf "%s\n" "$timer" | grep -Eq -- "$o_pattern"' ||
		assert_match "$1: the program's own keepalive" "$o_pattern" "$timer"
	echo "$1: the program's own keepalive: $timer"
}

# prog_pull NS: pulls the cable of the peers' host (ns_pull_cable), and
# from that moment watches every connection at once, each in a background
# loop that writes when its program closed it to $NS_TMP/closed-LABEL (and
# gives up the bound + 2 s after): waiting for them one after the other
# would count the time spent on the others.
prog_pull() {
	ns_pull_cable "$1"
	for label in $PROG_LABELS; do
		eval "ino=\$PROG_INO_$label pids=\$PROG_PIDS_$label"
		# shellcheck disable=SC2086
		(
			while prog_holds $pids; do
				[ "$(ns_now)" -lt $((NS_T0 + NS_BOUND + 2000)) ] || exit 0
				sleep 0.02
			done
			echo $(($(ns_now) - NS_T0)) >"$NS_TMP/closed-$label.tmp"
			mv "$NS_TMP/closed-$label.tmp" "$NS_TMP/closed-$label"
		) &
		NS_PIDS="$NS_PIDS $!"
	done
}

# prog_noticed LABEL [NOTE]: the program LABEL closed its connection within
# the bound + 1 s after prog_pull, and not before half the bound.
prog_noticed() {
	closed="$NS_TMP/closed-$1"
	ns_until $((NS_T0 + NS_BOUND + 1000 - $(ns_now))) test -e "$closed" ||
		fail "$1: still blocked $(ns_seconds $(($(ns_now) - NS_T0))) s after the cable was pulled (bound $((NS_BOUND / 1000)) s)"
	elapsed=$(cat "$closed")
	echo "$1: noticed after $(ns_seconds "$elapsed") s (bound $((NS_BOUND / 1000)) s)"
	[ "$elapsed" -ge $((NS_BOUND / 2)) ] ||
		fail "$1: closed after only $(ns_seconds "$elapsed") s: not keepalive's doing"
	echo "compat noticed: $(ns_seconds "$elapsed") s${2:+ ($2)}"
}

# prog_blocked LABEL [NOTE]: the program LABEL still holds its connection,
# established, the bound + 2 s after the cable was pulled.
prog_blocked() {
	prog_still blocked "$@"
}

# prog_kept LABEL NOTE: the same for a program run with the library whose
# own keepalive respect mode kept (NOTE says which).
prog_kept() {
	prog_still kept "$@"
}

prog_still() {
	key=$1
	shift
	eval "ino=\$PROG_INO_$1 pids=\$PROG_PIDS_$1 ns=\$PROG_NS_$1"
	until_ms=$((NS_T0 + NS_BOUND + 2000))
	while [ "$(ns_now)" -lt "$until_ms" ]; do
		sleep 0.05
	done
	elapsed=$(($(ns_now) - NS_T0))
	# shellcheck disable=SC2086
	[ ! -e "$NS_TMP/closed-$1" ] && prog_holds_inode "$ino" $pids ||
		fail "$1: closed its connection within $(ns_seconds "$elapsed") s of the cable being pulled: the test cannot tell the library's doing"
	ns_ss "$ns" -tne state established 2>/dev/null | grep -q " ino:$ino " ||
		fail "$1: the kernel ended the connection within $(ns_seconds "$elapsed") s"
	echo "$1: still blocked after $(ns_seconds "$elapsed") s"
	echo "compat $key: $(ns_seconds "$elapsed") s${2:+ ($2)}"
}
