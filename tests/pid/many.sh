#!/bin/sh
# A process with 10,000 connections (and its client with as many): shown,
# checked and configured whole, in a private network namespace.
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
N=10000
pid_netns many
pid_pair "$N" ip netns exec "$PID_NS"
server=$PID_SERVER

t0=$(date +%s%3N)
out=$("$KA_CMD" --pid "$server")
t1=$(date +%s%3N)
assert_eq "show: one line a socket, a header and a summary" $((N + 3)) "$(printf '%s\n' "$out" | wc -l)"
assert_match "show: the summary" "^kapidserver $server: 1 listener, $N connections, $((N + 1)) without keepalive$" "$out"
echo "show of $((N + 1)) sockets: $((t1 - t0)) ms"
assert_eq "--check before" 1 "$(status "$KA_CMD" --pid "$server" --check)"
# Without a user timeout, nothing waits for the peers' answers.
t0=$(date +%s%3N)
out=$("$KA_CMD" --pid "$server" --apply --idle 30 --user-timeout 0) || fail "--apply: $out"
t1=$(date +%s%3N)
echo "$out"
echo "--apply on $((N + 1)) sockets: $((t1 - t0)) ms"
assert_match "apply: all of them" "kapidserver $server: configured 1 listener and $N connections" "$out"
assert_eq "--check after" 0 "$(status "$KA_CMD" --pid "$server" --check)"
assert_eq "the server reads them" $((N + 1)) \
	"$(pid_report server | grep -c 'keepalive=1 idle=30 intvl=10 cnt=6 user_timeout=0')"
