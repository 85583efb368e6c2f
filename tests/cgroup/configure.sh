#!/bin/sh
# keepalive --cgroup --apply: a statically linked program that makes its
# sockets with raw system calls gets keepalive in the cgroup, on both ends
# of a connection (read back from inside with getsockopt); the same program
# outside the cgroup is untouched; a listener that existed before --apply
# is configured by the pass over the cgroup's processes; a second --apply
# updates in place (the same programs, one of ours on each hook); --detach
# leaves nothing attached or pinned.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"
cg_setup configure
command -v bpftool >/dev/null 2>&1 || skip "bpftool is not installed"

prog="$KA_PROGS/kacgroup"
ours="keepalive=1 idle=5 intvl=2 cnt=3 user_timeout=10000"
plain=$("$prog" pair) || fail "kacgroup pair failed"
assert_match "without keepalive" "^client keepalive=0 " "$plain"

# A listener made before anything is attached.
cg_run "$CG" python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
open(sys.argv[1], "w").write("listening"); time.sleep(60)' "$KA_TMP/ready" &
CG_PIDS=$!
for _ in $(seq 200); do [ -s "$KA_TMP/ready" ] && break; sleep 0.05; done
[ -s "$KA_TMP/ready" ] || fail "the listener did not start"

out=$("$KA_CMD" --cgroup "$CG" --apply --idle 5 --intvl 2 --cnt 3) || fail "--apply: $out"
assert_match "--apply says where" "attached to $CG" "$out"
assert_match "--apply configured the listener that was there" "configured 1 listener" "$out"
assert_eq "one of ours on each hook" 2 "$(cg_ours)"
ids=$(bpftool cgroup show "$CG" | awk '/ka_/ { print $1 }' | tr '\n' ' ')

inside=$(cg_run "$CG" "$prog" pair) || fail "kacgroup pair failed in the cgroup"
assert_eq "in the cgroup" "client $ours
accepted $ours" "$inside"
assert_eq "outside the cgroup" "$plain" "$("$prog" pair)"

# IPv6 as well, where loopback has ::1.
v6=$(cg_run "$CG" python3 -c 'import socket
l = socket.socket(socket.AF_INET6); l.bind(("::1", 0)); l.listen()
c = socket.socket(socket.AF_INET6); c.connect(l.getsockname()[:2]); a, _ = l.accept()
print(" ".join("%d/%d" % (s.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
	s.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE)) for s in (c, a)))' 2>/dev/null) || v6=
[ -z "$v6" ] || assert_eq "IPv6 in the cgroup" "1/5 1/5" "$v6"

# A child cgroup is covered too.
mkdir "$CG/child" || fail "mkdir $CG/child"
inside=$(cg_run "$CG/child" "$prog" pair)
rmdir "$CG/child"
assert_eq "in a child cgroup" "client $ours
accepted $ours" "$inside"

out=$("$KA_CMD" --cgroup "$CG" --check --idle 5 --intvl 2 --cnt 3) || fail "--check: $out"
assert_match "--check" "ours is attached with these settings" "$out"
[ "$("$KA_CMD" --cgroup "$CG" --check --idle 6 --intvl 2 --cnt 3 >/dev/null; echo $?)" = 1 ] ||
	fail "--check with other settings did not exit 1"

out=$("$KA_CMD" --cgroup "$CG" --apply --idle 9 --intvl 3 --cnt 2) || fail "--apply again: $out"
assert_eq "--apply again: in place" "$ids" \
	"$(bpftool cgroup show "$CG" | awk '/ka_/ { print $1 }' | tr '\n' ' ')"
assert_eq "--apply again: one of ours on each hook" 2 "$(cg_ours)"
inside=$(cg_run "$CG" "$prog" pair)
assert_eq "the new settings" "client keepalive=1 idle=9 intvl=3 cnt=2 user_timeout=14000
accepted keepalive=1 idle=9 intvl=3 cnt=2 user_timeout=14000" "$inside"

out=$("$KA_CMD" --cgroup "$CG")
assert_match "show: the settings" "idle=9s intvl=3s cnt=2 user_timeout=14000ms" "$out"
assert_match "show: ours" "ka_sockops \(id [0-9]+, ours\)" "$out"
json=$("$KA_CMD" --cgroup "$CG" --json)
printf '%s' "$json" | python3 -c 'import json, sys; d = json.load(sys.stdin)
assert d["settings"]["idle"] == 9, d
assert sum(p["ours"] for p in d["programs"]) == 2, d' || fail "--json: $json"

out=$("$KA_CMD" --cgroup "$CG" --detach) || fail "--detach: $out"
assert_match "--detach" "detached" "$out"
assert_eq "nothing attached after --detach" 0 "$(cg_ours)"
assert_eq "nothing pinned after --detach" "" "$(cg_pinned)"
assert_eq "after --detach" "$plain" "$(cg_run "$CG" "$prog" pair)"
out=$("$KA_CMD" --cgroup "$CG" --detach) || fail "--detach twice: $out"
assert_match "--detach twice" "nothing of ours" "$out"
