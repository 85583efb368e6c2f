#!/bin/sh
# --pid all: every process the caller may reach. As root, the test server is
# among them; as an unprivileged user it is not, and the processes that
# cannot be reached are counted in one line (exit status 1).
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
command -v python3 >/dev/null || skip "python3 is not installed"
pid_pair 1
server=$PID_SERVER client=$PID_CLIENT

"$KA_CMD" --pid all --json >"$KA_TMP/all.json"
python3 - "$KA_TMP/all.json" "$server" <<'PY' || fail "--pid all"
import json, sys
doc = json.load(open(sys.argv[1]))
pids = {p["pid"]: p for p in doc["processes"]}
s = pids[int(sys.argv[2])]
assert (s["listeners"], s["connections"]) == (1, 1), s
assert all(p["sockets"] for p in doc["processes"]), "a process without TCP sockets is listed"
print("%d processes with TCP sockets, %d unreachable" % (len(pids), doc["unreachable"]))
PY
out=$("$KA_CMD" --pid all)
assert_match "text: the server's summary" "^kapidserver $server: 1 listener, 1 connection, 2 without keepalive$" "$out"

command -v setpriv >/dev/null || skip "setpriv is not installed"
st=0
setpriv --reuid=nobody --regid=nogroup --clear-groups "$KA_CMD" --pid all \
	>"$KA_TMP/nobody.out" 2>"$KA_TMP/nobody.err" || st=$?
cat "$KA_TMP/nobody.err"
assert_eq "as nobody: some processes cannot be reached" 1 "$st"
assert_match "as nobody: one line for them" \
	'^keepalive: [0-9]+ process(es)? could not be reached \(permission denied: needs root or CAP_SYS_PTRACE' \
	"$(cat "$KA_TMP/nobody.err")"
assert_eq "as nobody: only that line" 1 "$(wc -l <"$KA_TMP/nobody.err")"
! grep -q "^kapidserver $server:" "$KA_TMP/nobody.out" || fail "as nobody, the root server was reached"
