#!/bin/sh
# No healthy connection lost: 5,000 loopback connections idle for longer
# than the new idle time, both ends configured at once with
# --apply --idle 1 --intvl 1 --cnt 2 (a user timeout of 3 s). Set naively,
# each would get one probe instead of two, all fired in one burst; here
# every one of them must still be there after several rounds of probes.
# In a private network namespace, so that its loopback is the test's own.
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
N=5000
pid_netns noloss
pid_pair "$N" ip netns exec "$PID_NS"
server=$PID_SERVER client=$PID_CLIENT
sleep 2 # idle for longer than the idle time being set

t0=$(date +%s%3N)
out=$("$KA_CMD" --pid "$server" "$client" --apply --idle 1 --intvl 1 --cnt 2) ||
	fail "--apply failed: $out"
t1=$(date +%s%3N)
echo "$out"
echo "--apply on $((2 * N)) connections took $((t1 - t0)) ms"
assert_match "the server's" "kapidserver $server: configured 1 listener and $N connections" "$out"
assert_match "the client's" "kapidserver $client: configured 0 listeners and $N connections" "$out"

sleep 6 # two more rounds of probes at least
for side in server client; do
	report=$(pid_report $side)
	assert_eq "$side: connections still there" "alive $N" "$(printf '%s\n' "$report" | tail -n 1)"
	# The server's listener as well.
	with=$N
	[ $side = client ] || with=$((N + 1))
	assert_eq "$side: sockets with the user timeout" "$with" \
		"$(printf '%s\n' "$report" | grep -c 'keepalive=1 idle=1 intvl=1 cnt=2 user_timeout=2250')"
	! grep -q '^error' "$KA_TMP/$side.out" || fail "$side lost connections: $(grep -c '^error' "$KA_TMP/$side.out")"
done
echo "all $((2 * N)) connection ends kept"
