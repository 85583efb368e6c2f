#!/bin/sh
# --json: one document with the names keepalive(1) documents, read back
# with python3's json; the roles of a listener, the connection it accepted
# and the client's.
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
command -v python3 >/dev/null || skip "python3 is not installed"
pid_pair 1
server=$PID_SERVER client=$PID_CLIENT

"$KA_CMD" --pid "$server" "$client" --json >"$KA_TMP/show.json" || fail "--json failed"
python3 - "$KA_TMP/show.json" "$server" "$client" "$PID_PORT" <<'PY' || fail "the JSON document"
import json, sys
doc = json.load(open(sys.argv[1]))
server, client, port = (int(a) for a in sys.argv[2:])
assert doc["action"] == "show" and doc["status"] == 0 and doc["unreachable"] == 0, doc
procs = {p["pid"]: p for p in doc["processes"]}
assert set(procs) == {server, client}, procs.keys()
keys = {"fd", "inode", "family", "state", "role", "local", "peer", "keepalive", "idle",
        "intvl", "cnt", "user_timeout", "covered", "timer"}
for p in procs.values():
    assert p["command"] == "kapidserver" and p["error"] is None, p
    for s in p["sockets"]:
        assert keys <= set(s), set(s) ^ keys
        assert s["keepalive"] is False and s["covered"] is False, s
        assert s["family"] == "ipv4", s
s = procs[server]
assert (s["listeners"], s["connections"], s["without_keepalive"]) == (1, 1, 2), s
roles = sorted((x["role"], x["state"]) for x in s["sockets"])
assert roles == [("accepted", "established"), ("listener", "listen")], roles
listener = [x for x in s["sockets"] if x["role"] == "listener"][0]
assert listener["local"] == "127.0.0.1:%d" % port and listener["peer"] is None, listener
assert listener["queued"] == 0, listener
c = procs[client]["sockets"][0]
assert c["role"] == "client" and c["peer"] == "127.0.0.1:%d" % port, c
assert c["timer"] is None or c["timer"]["name"] in ("off", "on"), c
print("show: ok")
PY

"$KA_CMD" --pid "$server" --apply --idle 1 --intvl 1 --cnt 2 --json >"$KA_TMP/apply.json" ||
	fail "--apply --json failed"
"$KA_CMD" --pid "$server" --check --json >"$KA_TMP/check.json" || fail "--check --json failed"
python3 - "$KA_TMP/apply.json" "$KA_TMP/check.json" <<'PY' || fail "the JSON documents"
import json, sys
apply, check = (json.load(open(f)) for f in sys.argv[1:])
assert apply["action"] == "apply" and apply["status"] == 0, apply
assert apply["settings"].startswith("idle=1s intvl=1s cnt=2 user_timeout=2250ms"), apply
for s in apply["processes"][0]["sockets"]:
    assert s["result"] == "configured" and s["refused"] == "", s
    assert s["set"] == "TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT, SO_KEEPALIVE", s
assert check["status"] == 0, check
for s in check["processes"][0]["sockets"]:
    assert (s["keepalive"], s["idle"], s["intvl"], s["cnt"], s["user_timeout"]) == (True, 1, 1, 2, 2250), s
    assert s["covered"] is True, s
    if s["role"] == "accepted":
        assert s["timer"]["name"] == "keepalive" and s["timer"]["probes"] >= 0, s
print("apply, check: ok")
PY

# IPv6: the same, on ::1 (where the machine has it).
if python3 -c 'import socket; socket.socket(socket.AF_INET6).bind(("::1", 0))' 2>/dev/null; then
	pid_server v6 ::1
	v6=$PID_LAST v6port=$PID_PORT
	"$KA_CMD" --pid "$v6" --json >"$KA_TMP/v6.json" || fail "--json on IPv6 failed"
	python3 - "$KA_TMP/v6.json" "$v6port" <<'PY' || fail "the IPv6 listener"
import json, sys
s = json.load(open(sys.argv[1]))["processes"][0]["sockets"][0]
assert (s["family"], s["role"], s["local"]) == ("ipv6", "listener", "[::1]:%s" % sys.argv[2]), s
print("ipv6: ok")
PY
fi
