#!/bin/sh
# KEEPALIVE_PORTS and KEEPALIVE_ROLE: on loopback, a listener, a client
# connecting to it and the accepted connection (kaprobe pair PORT) on a port
# in the list and on one outside it. In scope: our options on each, chosen at
# connect() (the remote port) and at the listener's first accept() (its local
# port); out of scope, or not of the role: exactly as without the library.
# A bad list warns once and filters nothing.
. "$KA_SRCDIR/tests/lib.sh"
need python3

scratch
err="$KA_TMP/err"

# Two ports free on 127.0.0.1 just now, below the ephemeral range.
pin=$(free_port)
pout=$(free_port)
[ -n "$pin" ] && [ -n "$pout" ] && [ "$pin" != "$pout" ] || fail "no free ports"
kernel=$("$KA_PROGS/kaprobe" pair "$pout" | sed -n 's/^client //p')
assert_match "kernel defaults" "^keepalive=0 " "$kernel"

# pair PORT VAR=VALUE...: the three lines of kaprobe pair PORT under the preload.
pair() {
	port=$1
	shift
	# shellcheck disable=SC2086
	preload $KA_TIMERS "$@" "$KA_PROGS/kaprobe" pair "$port" 2>"$err" || fail "kaprobe pair $port $*: $(cat "$err")"
}
# expect WHAT PORT LISTENER CLIENT ACCEPTED VAR=VALUE...: ours or kernel each.
expect() {
	what=$1 port=$2 l=$3 c=$4 a=$5
	shift 5
	out=$(pair "$port" "$@")
	assert_eq "$what (port $port, $*)" "listener $l
client $c
accepted $a" "$out"
	[ ! -s "$err" ] || fail "$what: unexpected output on stderr: $(cat "$err")"
}

expect "in the list" "$pin" "$KA_OURS" "$KA_OURS" "$KA_OURS" KEEPALIVE_PORTS="$pin"
expect "not in the list" "$pout" "$kernel" "$kernel" "$kernel" KEEPALIVE_PORTS="$pin"
expect "in a range" "$pin" "$KA_OURS" "$KA_OURS" "$KA_OURS" KEEPALIVE_PORTS="1-2,$pin-$pin,3"
expect "with blanks" "$pin" "$KA_OURS" "$KA_OURS" "$KA_OURS" KEEPALIVE_PORTS=" 7 , $pin "
expect "outside the ranges" "$pout" "$kernel" "$kernel" "$kernel" KEEPALIVE_PORTS="1-2,$pin,3"

expect "role server" "$pout" "$KA_OURS" "$kernel" "$KA_OURS" KEEPALIVE_ROLE=server
expect "role client" "$pout" "$kernel" "$KA_OURS" "$kernel" KEEPALIVE_ROLE=client
expect "role all" "$pout" "$KA_OURS" "$KA_OURS" "$KA_OURS" KEEPALIVE_ROLE=all
expect "role server, port in" "$pin" "$KA_OURS" "$kernel" "$KA_OURS" KEEPALIVE_ROLE=server KEEPALIVE_PORTS="$pin"
expect "role server, port out" "$pout" "$kernel" "$kernel" "$kernel" KEEPALIVE_ROLE=server KEEPALIVE_PORTS="$pin"
expect "role client, port in" "$pin" "$kernel" "$KA_OURS" "$kernel" KEEPALIVE_ROLE=client KEEPALIVE_PORTS="$pin"
expect "role client, port out" "$pout" "$kernel" "$kernel" "$kernel" KEEPALIVE_ROLE=client KEEPALIVE_PORTS="$pin"

# Out of scope, the program's own options are left exactly as it made them.
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_ROLE=server "$KA_PROGS/kaconnect" own-off) || fail "kaconnect failed"
assert_eq "client left alone (role server)" "before keepalive=0 idle=45 intvl=75 cnt=9 user_timeout=0
after keepalive=0 idle=45 intvl=75 cnt=9 user_timeout=0" "$out"
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_PORTS=1 KEEPALIVE_MODE=force "$KA_PROGS/kaconnect" raw-on 777) ||
	fail "kaconnect failed"
assert_eq "raw client left alone (port out, force)" "before keepalive=1 idle=777 intvl=75 cnt=9 user_timeout=0
after keepalive=1 idle=777 intvl=75 cnt=9 user_timeout=0" "$out"
# A listener handed over (fd 3) on a port outside the list: left alone.
# shellcheck disable=SC2086
out=$("$KA_PROGS/kalisten" -q 1 env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS KEEPALIVE_PORTS=1 \
	"$KA_PROGS/kaaccept" accept 1 listener) || fail "kaaccept failed"
assert_eq "foreign listener out of scope" "accepted $kernel
listener $kernel" "$out"

# A bad list: one warning naming the variable, and every socket configured.
for bad in "$pin,,$pout" "0" "65536" "9-8" "http"; do
	out=$(pair "$pout" KEEPALIVE_PORTS="$bad")
	assert_eq "bad list '$bad' filters nothing" "listener $KA_OURS
client $KA_OURS
accepted $KA_OURS" "$out"
	assert_eq "bad list '$bad': one line on stderr" 1 "$(wc -l <"$err")"
	grep -Eq "^${KA_FROM}KEEPALIVE_PORTS='$bad' is" "$err" ||
		fail "bad list '$bad': warning: $(cat "$err")"
done
