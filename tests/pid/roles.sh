#!/bin/sh
# Which side a connection is on, when nothing listens on its port any more:
# accepted if its local port is outside the ephemeral range and its peer's
# inside, the range being that of the process's network namespace, not the
# command's. In a namespace whose range is 40000-40100, a server accepted a
# connection on port 35000 (inside the command's default range) from port
# 40050, then closed its listener.
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
command -v python3 >/dev/null || skip "python3 is not installed"
pid_netns roles
ip netns exec "$PID_NS" sysctl -qw net.ipv4.ip_local_port_range="40000 40100" ||
	fail "cannot set the namespace's ephemeral range"
ip netns exec "$PID_NS" python3 -c '
import socket, sys, time
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 35000))
listener.listen(1)
client = socket.socket()
client.bind(("127.0.0.1", 40050))
client.connect(("127.0.0.1", 35000))
accepted, _ = listener.accept()
listener.close()
print("ready", flush=True)
time.sleep(60)
' >"$KA_TMP/server" &
server=$!
PID_STARTED="$PID_STARTED $server"
for _ in $(seq 100); do grep -q ready "$KA_TMP/server" && break; sleep 0.05; done
grep -q ready "$KA_TMP/server" || fail "the server did not start"
"$KA_CMD" --pid "$server" --json >"$KA_TMP/show.json" || fail "--json failed"
python3 - "$KA_TMP/show.json" <<'PY' || fail "the roles: $(cat "$KA_TMP/show.json")"
import json, sys
doc = json.load(open(sys.argv[1]))
roles = sorted((s["local"], s["role"]) for s in doc["processes"][0]["sockets"])
assert roles == [("127.0.0.1:35000", "accepted"), ("127.0.0.1:40050", "client")], roles
PY
