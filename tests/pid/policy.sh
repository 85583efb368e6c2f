#!/bin/sh
# --apply follows the library's policy: respect mode leaves a connection
# with the program's own keepalive (15 s, as Go sets it), force mode
# replaces it; --role and --ports choose the sockets (the local port of a
# listener and of the connections it accepted, the remote port of a client).
. "$KA_SRCDIR/tests/pid/pid.sh"
pid_need_root
TIMERS="--idle 7 --intvl 3 --cnt 4"
OURS='keepalive=1 idle=7 intvl=3 cnt=4 user_timeout=18000'

# The option line of the server's accepted connection (not its listener).
conn_of() {
	pid_report "$1" | grep -v "^fd=$2 " | grep '^fd='
}

pid_server own 127.0.0.1 own
own=$PID_LAST own_port=$PID_PORT
pid_client ownclient 127.0.0.1 "$own_port" 1
until pid_report own | grep -qx 'alive 1'; do sleep 0.05; done
listener=$(pid_report own | head -n 1 | sed 's/^fd=\([0-9]*\) .*/\1/')

out=$("$KA_CMD" --pid "$own" --apply $TIMERS) || fail "--apply: $out"
echo "$out"
assert_match "respect: the listener" "kapidserver $own: configured 1 listener and 0 connections" "$out"
assert_match "respect: the connection" "kapidserver $own: left 1 socket: its own keepalive" "$out"
assert_match "respect: its values stand" 'keepalive=1 idle=15 intvl=15 cnt=9 user_timeout=0' \
	"$(conn_of own "$listener")"

out=$("$KA_CMD" --pid "$own" --apply --mode force $TIMERS) || fail "--apply --mode force: $out"
echo "$out"
assert_match "force: the connection" "kapidserver $own: configured 0 listeners and 1 connection" "$out"
assert_match "force: the listener" "kapidserver $own: left 1 socket: already has these settings" "$out"
assert_match "force: ours replace them" "$OURS" "$(conn_of own "$listener")"

# Role and ports, on a server and its client, two processes at once.
pid_server plain
server=$PID_LAST port=$PID_PORT
pid_client client 127.0.0.1 "$port" 1
client=$PID_LAST
until pid_report plain | grep -qx 'alive 1'; do sleep 0.05; done

out=$("$KA_CMD" --pid "$server" "$client" --apply --role client $TIMERS) || fail "$out"
echo "$out"
assert_match "--role client: the server's" "kapidserver $server: left 2 sockets: outside KEEPALIVE_ROLE" "$out"
assert_match "--role client: the client's" "kapidserver $client: configured 0 listeners and 1 connection" "$out"
assert_match "--role client: the client reads" "$OURS" "$(pid_report client)"
assert_match "--role client: the server reads" 'keepalive=0' "$(pid_report plain)"

out=$("$KA_CMD" --pid "$server" --apply --ports 1,2-3 $TIMERS) || fail "$out"
assert_match "--ports elsewhere" "kapidserver $server: left 2 sockets: outside KEEPALIVE_PORTS" "$out"
out=$("$KA_CMD" --pid "$server" --apply --role server --ports "$port" $TIMERS) || fail "$out"
echo "$out"
assert_match "--role server --ports: both" "kapidserver $server: configured 1 listener and 1 connection" "$out"
assert_eq "--role server --ports: the server reads" 2 "$(pid_report plain | grep -c "$OURS")"

# --check counts what is in scope.
assert_eq "--check --role client of the server" 0 \
	"$(status "$KA_CMD" --pid "$server" --check --role client)"

# A program's own timer on a socket without keepalive: told by a value
# other than the namespace's default, kept in respect mode (as the library
# keeps one it saw set), replaced in force mode. Read back by the program.
command -v python3 >/dev/null || exit 0 # the rest needs it; all above passed
mkfifo "$KA_TMP/ask"
python3 -c '
import socket, sys
listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(1)
client = socket.create_connection(listener.getsockname())
accepted, _ = listener.accept()
client.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 333)
print("ready", flush=True)
for _ in open(sys.argv[1]):
    g = lambda level, name: client.getsockopt(level, name)
    print("keepalive=%d idle=%d intvl=%d cnt=%d" % (g(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
          g(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE), g(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
          g(socket.IPPROTO_TCP, socket.TCP_KEEPCNT)), flush=True)
' "$KA_TMP/ask" >"$KA_TMP/own-timer" &
py=$!
PID_STARTED="$PID_STARTED $py"
exec 9>"$KA_TMP/ask"
pid_wait_for "$KA_TMP/own-timer" '^ready'
ask() { # the client's options, as the program reads them
	n=$(grep -c . "$KA_TMP/own-timer")
	echo >&9
	until [ "$(grep -c . "$KA_TMP/own-timer")" -gt "$n" ]; do sleep 0.05; done
	tail -n 1 "$KA_TMP/own-timer"
}
out=$("$KA_CMD" --pid "$py" --apply $TIMERS --user-timeout 0) || fail "--apply: $out"
echo "$out"
assert_match "respect: the program's own timer is told" "python3 $py: fd [0-9]+: the program's own TCP_KEEPIDLE kept" "$out"
assert_eq "respect: its own idle kept, ours for the rest" "keepalive=1 idle=333 intvl=3 cnt=4" "$(ask)"
out=$("$KA_CMD" --pid "$py" --apply --mode force $TIMERS --user-timeout 0) || fail "--apply --mode force: $out"
assert_eq "force: ours replace it" "keepalive=1 idle=7 intvl=3 cnt=4" "$(ask)"
exec 9>&-
