#!/bin/sh
# Faults: no such process, permission denied (setpriv to nobody), bad
# values (exit 2, nothing changed), and a process that exits during the
# scan; in each case one clear line naming the pid, the others handled.
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
pid_server server
server=$PID_LAST
pid_client client 127.0.0.1 "$PID_PORT" 1
until pid_report server | grep -qx 'alive 1'; do sleep 0.05; done
unchanged() {
	assert_eq "$1: the server's sockets unchanged" 2 "$(pid_report server | grep -c 'keepalive=0')"
}

# A pid that exists no more.
sh -c 'exit 0' &
gone=$!
wait "$gone"
st=0
out=$("$KA_CMD" --pid "$gone" "$server" 2>"$KA_TMP/err") || st=$?
assert_eq "no such process: exit status" 1 "$st"
assert_match "no such process: the line" "^keepalive: pid $gone: cannot open it \(pidfd_open\): no such process; nothing changed there$" "$(cat "$KA_TMP/err")"
assert_match "no such process: the other one still shown" "^kapidserver $server: 1 listener" "$out"

# Bad values and usage: exit 2, nothing done.
for args in "--pid abc" "--pid 0" "--pid all $server" "--pid $server --apply --check" \
	"--pid $server --apply --idle 10x" "--pid $server --apply --ports 70000"; do
	assert_eq "keepalive $args" 2 "$(status "$KA_CMD" $args)"
done
unchanged "bad values"
assert_match "a timer without --apply deserves a word" 'changes nothing without --apply' \
	"$("$KA_CMD" --pid "$server" --idle 5 2>&1 >/dev/null)"

# Permission denied, as nobody: one line, nothing changed.
if command -v setpriv >/dev/null; then
	st=0
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$KA_CMD" --pid "$server" --apply \
		--idle 1 >/dev/null 2>"$KA_TMP/err" || st=$?
	cat "$KA_TMP/err"
	assert_eq "as nobody: exit status" 1 "$st"
	assert_match "as nobody: the line" "^keepalive: pid $server \(kapidserver\): cannot (list|take copies of) its descriptors: permission denied: needs root or CAP_SYS_PTRACE" "$(cat "$KA_TMP/err")"
	assert_eq "as nobody: one line" 1 "$(wc -l <"$KA_TMP/err")"
	unchanged "as nobody"
fi

# A process that exits during the scan: 3,000 connections, killed while
# keepalive reads them. Whatever moment it hits, the command ends with a
# line about the pid (or none, if it was quicker), never with a crash.
pid_client many 127.0.0.1 "$PID_PORT" 3000
many=$PID_LAST
until pid_report server | grep -qx 'alive 3001'; do sleep 0.05; done
st=0
"$KA_CMD" --pid "$many" "$server" >"$KA_TMP/out" 2>"$KA_TMP/err" &
scan=$!
sleep 0.01
kill -9 "$many"
wait "$scan" || st=$?
cat "$KA_TMP/err"
grep "^kapidserver" "$KA_TMP/out"
case $st in
0) echo "the scan was quicker than the kill" ;;
1) assert_match "exited: the line" "^keepalive: pid $many( \(kapidserver\))?: (exited during the scan|cannot .*: no such process)" "$(cat "$KA_TMP/err")" ;;
*) fail "exit status $st when the process exited during the scan" ;;
esac
assert_match "exited: the other process still handled" "^kapidserver $server: 1 listener" "$(cat "$KA_TMP/out")"
