#!/bin/sh
# keepalive --cgroup in network namespaces: a static server in the cgroup,
# blocked in read() on a connection from a client outside it, notices within
# idle + intvl x cnt + 1 s that the client's cable was pulled; then a static
# client in the cgroup notices the same of its server. ss -o shows the
# keepalive timer on the cgroup's end only.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
cg_setup deadpeer
ns_need nsenter ss
ns_setup cgroup-deadpeer
trap 'ns_cleanup; cg_cleanup' EXIT

prog="$KA_PROGS/kacgroup"
out=$("$KA_CMD" --cgroup "$CG" --apply --idle 1 --intvl 1 --cnt 2) || fail "--apply: $out"

# The server in the cgroup, the client outside.
cg_bg "$NS_A" "$prog" server "$A4" "$NS_PORT" >"$NS_TMP/server.log" 2>&1
server=$NS_LAST
ns_wait_listener "$NS_A" "$NS_PORT"
ns_bg "$NS_B" "$prog" client "$A4" "$NS_PORT" >"$NS_TMP/client.log" 2>&1
ns_wait_connection "$NS_A" "$NS_PORT"
ns_expect_keepalive "$NS_A" "$NS_PORT"
conn=$(ns_ss "$NS_B" -tno state established "( dport = :$NS_PORT )")
case $conn in *timer:*keepalive*) fail "the client outside the cgroup has keepalive: $conn" ;; esac
ns_pull_cable "$NS_B"
ns_expect_noticed "the server in the cgroup" "$server" "$NS_TMP/server.log"
assert_match "its options" "^accepted keepalive=1 idle=1 intvl=1 cnt=2 " "$(cat "$NS_TMP/server.log")"
assert_match "its read failed" "read failed: Connection timed out" "$(cat "$NS_TMP/server.log")"

# The client in the cgroup, the server outside, on a fresh cable.
ip -n "$NS_B" link set dev ka0 up || fail "cannot plug the cable back"
port=$((NS_PORT + 1))
ns_bg "$NS_A" "$prog" server "$A4" "$port" >"$NS_TMP/server2.log" 2>&1
ns_wait_listener "$NS_A" "$port"
cg_bg "$NS_B" "$prog" client "$A4" "$port" >"$NS_TMP/client2.log" 2>&1
client=$NS_LAST
ns_wait_connection "$NS_B" "$port"
ns_expect_keepalive "$NS_B" "$port"
ns_pull_cable "$NS_A"
ns_expect_noticed "the client in the cgroup" "$client" "$NS_TMP/client2.log"
