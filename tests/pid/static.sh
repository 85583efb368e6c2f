#!/bin/sh
# A statically linked server (the library cannot reach it) with an
# established connection: --pid shows keepalive off, --check exits 1,
# --apply sets the values (read back by the server itself and by ss -o),
# --check then exits 0.
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
if ! ldd "$KA_PIDHELPER" 2>&1 | grep -q 'not a dynamic executable'; then
	[ -z "$KA_SANITIZER_RUNTIME" ] || skip "a sanitized build links the server dynamically"
	fail "$KA_PIDHELPER is not statically linked"
fi

pid_server server
server=$PID_LAST
pid_client client 127.0.0.1 "$PID_PORT" 1
pid_wait_for "$KA_TMP/server.out" . # the connection is accepted by now
assert_match "the server's own view" 'alive 1' "$(pid_report server)"

out=$("$KA_CMD" --pid "$server")
echo "$out"
assert_match "show: the listener" "^$server +kapidserver +[0-9]+ listen +127\.0\.0\.1:$PID_PORT .* off " "$out"
assert_match "show: the connection" "^$server +kapidserver +[0-9]+ established +127\.0\.0\.1:$PID_PORT +127\.0\.0\.1:[0-9]+ +off " "$out"
assert_match "show: the summary" "^kapidserver $server: 1 listener, 1 connection, 2 without keepalive$" "$out"
assert_eq "--check before" 1 "$(status "$KA_CMD" --pid "$server" --check)"

out=$("$KA_CMD" --pid "$server" --apply --idle 1 --intvl 1 --cnt 2) ||
	fail "--apply failed: $out"
echo "$out"
assert_match "apply: what was done" \
	"^kapidserver $server: configured 1 listener and 1 connection: idle=1s intvl=1s cnt=2 user_timeout=2250ms" "$out"

report=$(pid_report server)
echo "$report"
assert_eq "the server's sockets, read by the server" 2 \
	"$(printf '%s\n' "$report" | grep -c 'keepalive=1 idle=1 intvl=1 cnt=2 user_timeout=2250')"
conn=$(ss -Htno state established "( sport = :$PID_PORT )")
assert_match "ss -o on the server's connection" 'timer:\(keepalive' "$conn"
assert_eq "--check after" 0 "$(status "$KA_CMD" --pid "$server" --check)"
# The client's process was not asked: its connection is still without.
assert_eq "--check of the client" 1 "$(status "$KA_CMD" --pid "$PID_LAST" --check)"
out=$("$KA_CMD" --pid "$server" "$PID_LAST" --check)
assert_match "two processes: the summary of each" \
	"kapidserver $PID_LAST: 0 listeners, 1 connection, 1 without keepalive" "$out"
