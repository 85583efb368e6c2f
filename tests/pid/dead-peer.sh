#!/bin/sh
# The client's cable is pulled: the statically linked server, configured
# with --pid --apply --idle 1 --intvl 1 --cnt 2, notices within
# idle + intvl x cnt + 1 s, on the connection it had before --apply and on
# one it accepted after (through its listener, configured too).
. "$KA_SRCDIR/tests/pid/pid.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
pid_need_root
ns_setup pid-dead-peer
trap 'pid_cleanup; ns_cleanup' EXIT

pid_server server "$A4" "" -- ip netns exec "$NS_A"
server=$PID_LAST
pid_client before "$A4" "$PID_PORT" 1 ip netns exec "$NS_B"
until pid_report server | grep -qx 'alive 1'; do sleep 0.05; done

out=$("$KA_CMD" --pid "$server" --apply --idle 1 --intvl 1 --cnt 2) ||
	fail "--apply failed: $out"
echo "$out"
pid_client after "$A4" "$PID_PORT" 1 ip netns exec "$NS_B"
until pid_report server | grep -qx 'alive 2'; do sleep 0.05; done
report=$(pid_report server)
echo "$report"
assert_eq "both connections and the listener configured" 3 \
	"$(printf '%s\n' "$report" | grep -c 'keepalive=1 idle=1 intvl=1 cnt=2 user_timeout=2250')"

# The server is in another network namespace than the command: its timers
# come from a dump taken there.
out=$("$KA_CMD" --pid "$server")
echo "$out"
assert_eq "the kernel's keepalive timers, from the server's namespace" 2 \
	"$(printf '%s\n' "$out" | grep -Ec ' established .* keepalive,[0-9]+(ms|sec),[0-9]+$')"

ns_pull_cable "$NS_B"
for n in 1 2; do
	ns_until $((NS_BOUND + 1000)) eval '[ "$(grep -c "^error" "$KA_TMP/server.out")" -ge $n ]' ||
		fail "connection $n not noticed within $(((NS_BOUND + 1000) / 1000)) s of the cable pulled"
	elapsed=$(($(ns_now) - NS_T0))
	echo "connection $n noticed after $(ns_seconds $elapsed) s (bound $((NS_BOUND / 1000)) s)"
	[ "$elapsed" -ge $((NS_BOUND / 2)) ] || fail "noticed after only $elapsed ms: not keepalive's doing"
done
grep '^error' "$KA_TMP/server.out"
