#!/bin/sh
# keepalive --cgroup and processes that move between cgroups. A socket's
# cgroup is the one its process was in when it made it, and an accepted
# connection's is its listener's: a process that leaves keeps the programs
# on the sockets it made inside (force mode's setsockopt program too) and
# not on those it makes outside; one that comes in gets them on the sockets
# it makes afterwards, and the sockets it had only from the existing-sockets
# pass of a later --apply. During that pass (held at its first pidfd_open
# by strace), a process that leaves, exits, or whose pid an outside process
# takes is not configured, and one that comes in is not reached; the
# command does not fail. Then, while a process moves in and out and
# others come and exit, --apply after --apply succeeds with nothing on
# stderr and one of ours on each hook. Read back with getsockopt by
# kacgroup, which makes its sockets with raw system calls.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"
cg_setup moving
command -v bpftool >/dev/null 2>&1 || skip "bpftool is not installed"

prog="$KA_PROGS/kacgroup"
ours="keepalive=1 idle=5 intvl=2 cnt=3 user_timeout=10000"
plain="keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=0"
# Outside: where this shell is (a cgroup2 path as /proc/PID/cgroup has it).
home="$(cg_mount cgroup2)$(sed -n 's/^0:://p' /proc/self/cgroup)"
home=${home%/}
[ -w "$home/cgroup.procs" ] || skip "cannot move processes back to $home"

# apply ARGS...: --apply with the timers of $ours.
apply() {
	"$KA_CMD" --cgroup "$CG" --apply --idle 5 --intvl 2 --cnt 3 "$@"
}

# steps NAME: kacgroup steps in the background, in this shell's cgroup,
# reading what step sends through the fifo $KA_TMP/NAME (which it opens for
# writing too, so that it reads on between commands; stop ends it); its pid
# in $KA_TMP/NAME.pid.
steps() {
	mkfifo "$KA_TMP/$1" || fail "mkfifo"
	: >"$KA_TMP/$1.sent"
	"$prog" steps <>"$KA_TMP/$1" >"$KA_TMP/$1.out" 2>&1 &
	echo $! >"$KA_TMP/$1.pid"
	CG_PIDS="$CG_PIDS $!"
}

pid_of() {
	cat "$KA_TMP/$1.pid"
}

# step NAME COMMAND...: sends COMMAND, waits for its "done", prints its lines.
step() {
	name=$1
	shift
	echo "$*" >>"$KA_TMP/$name.sent"
	n=$(wc -l <"$KA_TMP/$name.sent")
	echo "$*" >"$KA_TMP/$name"
	i=0
	while [ "$(grep -c '^done$' "$KA_TMP/$name.out")" -lt "$n" ]; do
		i=$((i + 1))
		if [ "$i" -gt 600 ] || ! kill -0 "$(pid_of "$name")" 2>/dev/null; then
			fail "kacgroup steps ($name): no answer to '$*': $(cat "$KA_TMP/$name.out")"
		fi
		sleep 0.05
	done
	awk -v n="$n" '/^done$/ { d++; next } d == n - 1' "$KA_TMP/$name.out"
}

# stop NAME: ends it.
stop() {
	kill "$(pid_of "$1")" 2>/dev/null
	wait "$(pid_of "$1")" 2>/dev/null
}

# move NAME DIR: moves the process into the cgroup DIR.
move() {
	pid_of "$1" >"$2/cgroup.procs" || fail "cannot move $1 to $2"
}

# expect WHAT NAME SLOT LISTENER CLIENT [ACCEPTED]: step NAME show SLOT
# reads them back as given (no accepted connection when not given).
expect() {
	want="$3 listener $4
$3 client $5"
	[ $# -lt 6 ] || want="$want
$3 accepted $6"
	assert_eq "$1" "$want" "$(step "$2" show "$3")"
}

# 1. A process that leaves (in force mode, so that the setsockopt program's
# part shows too).
out=$(apply --mode force) || fail "--apply: $out"
steps out
move out "$CG"
step out pair 1 >/dev/null
step out make 2 >/dev/null
move out "$home"
step out connect 2 >/dev/null
step out pair 3 >/dev/null
step out make 4 >/dev/null
step out connect 4 1 >/dev/null
expect "out: a pair made inside" out 1 "$plain" "$ours" "$ours"
expect "out: made inside, connected outside" out 2 "$plain" "$ours" "$ours"
expect "out: a pair made outside" out 3 "$plain" "$plain" "$plain"
expect "out: a client made outside to a listener made inside" out 4 "$plain" "$plain" "$ours"
out=$(apply --mode force) || fail "--apply, out: $out"
assert_eq "out: --apply does not reach a process that left" \
	"keepalive: attached to $CG (cgroup id $(stat -c %i "$CG"))" "$out"
expect "out: after that --apply" out 3 "$plain" "$plain" "$plain"
# The setsockopt program follows the socket, not the caller's cgroup.
for call in keepalive=0 idle=77; do
	assert_eq "out: force, $call on a pair made inside" "1 client set $call ret=0 errno=0
1 accepted set $call ret=0 errno=0" "$(step out set 1 "$call")"
done
expect "out: force, the calls had no effect on a pair made inside" out 1 "$plain" "$ours" "$ours"
step out set 4 idle=77 >/dev/null
expect "out: force, idle=77 on a client made outside and its accepted end made by a listener inside" \
	out 4 "$plain" "keepalive=0 idle=77 intvl=75 cnt=9 user_timeout=0" "$ours"
stop out

# 2. A process that comes in (respect mode).
out=$(apply) || fail "--apply: $out"
steps in
step in pair 1 >/dev/null
step in make 2 >/dev/null
move in "$CG"
step in connect 2 >/dev/null
step in pair 3 >/dev/null
step in make 4 >/dev/null
step in connect 4 1 >/dev/null
expect "in: a pair made outside" in 1 "$plain" "$plain" "$plain"
expect "in: made outside, connected inside" in 2 "$plain" "$plain" "$plain"
expect "in: a pair made inside" in 3 "$plain" "$ours" "$ours"
expect "in: a client made inside to a listener made outside" in 4 "$plain" "$ours" "$plain"
apply >"$KA_TMP/apply" 2>"$KA_TMP/err" || fail "--apply, in: $(cat "$KA_TMP/apply" "$KA_TMP/err")"
pid=$(pid_of in)
assert_match "in: a later --apply configures what it had" \
	"^kacgroup $pid: configured 4 listeners and 5 connections: idle=5s" "$(cat "$KA_TMP/apply")"
assert_match "in: and leaves what the programs configured" \
	"^kacgroup $pid: left 3 sockets: already has these settings" "$(cat "$KA_TMP/apply")"
for slot in 1 2 3 4; do
	expect "in: after the later --apply, $slot" in "$slot" "$ours" "$ours" "$ours"
done
step in make 5 >/dev/null
step in connect 5 1 >/dev/null
expect "in: a listener made outside, configured by the pass, passes it on" in 5 "$plain" "$ours" "$ours"
stop in
"$KA_CMD" --cgroup "$CG" --detach >/dev/null || fail "--detach"

# 3. Moving during the pass over cgroup.procs: strace holds the command's
# first pidfd_open, the pass's first (cgroup.procs is read by then), while
# processes move; /proc/PID/syscall says when it is held.
hold() {
	rm -f "$KA_TMP/kpid"
	# shellcheck disable=SC2016
	strace -o /dev/null -e trace=pidfd_open -e inject=pidfd_open:delay_enter=3000000:when=1 \
		sh -c 'echo $$ >"$0" && exec "$@"' "$KA_TMP/kpid" "$KA_CMD" --cgroup "$CG" --apply \
		--idle 5 --intvl 2 --cnt 3 >"$KA_TMP/apply" 2>"$KA_TMP/err" &
	held=$!
	i=0
	until [ -s "$KA_TMP/kpid" ] &&
		[ "$(cut -d' ' -f1 "/proc/$(cat "$KA_TMP/kpid")/syscall" 2>/dev/null)" = 434 ]; do
		i=$((i + 1))
		if [ "$i" -gt 600 ] || ! kill -0 "$held" 2>/dev/null; then
			fail "--apply was not held at pidfd_open: $(cat "$KA_TMP/apply" "$KA_TMP/err")"
		fi
		sleep 0.05
	done
}

# released WHAT: --apply succeeded, said where, named no process, wrote nothing on stderr.
released() {
	wait "$held" || fail "$1: --apply failed: $(cat "$KA_TMP/apply" "$KA_TMP/err")"
	assert_eq "$1: what --apply said" "keepalive: attached to $CG (cgroup id $(stat -c %i "$CG"))" \
		"$(cat "$KA_TMP/apply")"
	assert_eq "$1: stderr" "" "$(cat "$KA_TMP/err")"
}

if ! command -v strace >/dev/null 2>&1 || [ ! -r /proc/self/syscall ] ||
	! strace -o /dev/null -e inject=pidfd_open:delay_enter=1:when=1 true 2>/dev/null; then
	echo "strace cannot hold pidfd_open here: moving during the pass not tested" >&2
else
	steps leaving
	move leaving "$CG"
	step leaving make 1 >/dev/null
	steps coming
	step coming make 1 >/dev/null
	hold
	move leaving "$home"
	move coming "$CG"
	released "moving during the pass"
	expect "a process that left during the pass" leaving 1 "$plain" "$plain"
	expect "a process that came in during the pass" coming 1 "$plain" "$plain"
	step coming pair 2 >/dev/null
	expect "... its sockets made afterwards" coming 2 "$plain" "$ours" "$ours"
	stop leaving
	stop coming

	# One that exits; its pid taken by a process outside (the next pid
	# set through ns_last_pid: another process may take it first).
	steps gone
	move gone "$CG"
	gone=$(pid_of gone)
	hold
	stop gone
	reused=
	mkfifo "$KA_TMP/reuse" || fail "mkfifo"
	: >"$KA_TMP/reuse.sent"
	for try in 1 2 3 4 5 6 7 8 9 10; do
		# Nothing forks between the write and the start.
		echo $((gone - 1)) 2>/dev/null >/proc/sys/kernel/ns_last_pid || break
		"$prog" steps <>"$KA_TMP/reuse" >"$KA_TMP/reuse.out" 2>&1 &
		echo $! >"$KA_TMP/reuse.pid"
		CG_PIDS="$CG_PIDS $!"
		[ "$!" != "$gone" ] || { reused=$try; break; }
		stop reuse
	done
	[ -z "$reused" ] || step reuse make 1 >/dev/null
	released "a process that exited during the pass"
	if [ -n "$reused" ]; then
		expect "a process outside that took the pid during the pass" reuse 1 "$plain" "$plain"
		stop reuse
	else
		echo "pid $gone not taken again: its reuse not tested" >&2
	fi
	"$KA_CMD" --cgroup "$CG" --detach >/dev/null || fail "--detach"
fi

# 4. --apply after --apply while a process moves in and out as fast as it
# can be moved, and short-lived processes join the cgroup and exit.
apply >/dev/null || fail "--apply before the moves"
steps mover
move mover "$CG"
step mover pair 1 >/dev/null
step mover make 2 >/dev/null
mover=$(pid_of mover)
rm -f "$KA_TMP/stop"
while [ ! -e "$KA_TMP/stop" ]; do
	echo "$mover" >"$CG/cgroup.procs"
	echo "$mover" >"$home/cgroup.procs"
done 2>/dev/null &
moves=$!
while [ ! -e "$KA_TMP/stop" ]; do
	cg_run "$CG" "$prog" pair >/dev/null 2>&1
done &
comers=$!
CG_PIDS="$CG_PIDS $moves $comers"
id=$(stat -c %i "$CG")
reached=0 others=0
for i in $(seq 15); do
	apply >"$KA_TMP/apply" 2>"$KA_TMP/err" ||
		fail "--apply $i during the moves: $(cat "$KA_TMP/apply" "$KA_TMP/err")"
	assert_eq "--apply $i during the moves: stderr" "" "$(cat "$KA_TMP/err")"
	assert_eq "--apply $i during the moves: its first line" \
		"keepalive: attached to $CG (cgroup id $id)" "$(head -n 1 "$KA_TMP/apply")"
	assert_eq "--apply $i during the moves: one of ours on each hook" 2 "$(cg_ours)"
	! grep -q "^kacgroup $mover:" "$KA_TMP/apply" || reached=$((reached + 1))
	others=$((others + $(grep -v "^kacgroup $mover:" "$KA_TMP/apply" | grep -c '^kacgroup ')))
done
echo "the mover was reached by $reached --apply of 15; $others lines about processes that came and exited" >&2
touch "$KA_TMP/stop"
wait "$moves" "$comers"
# Its listener is configured by the passes that found it inside, or not.
assert_eq "the mover's pair, made inside" "1 client $ours
1 accepted $ours" "$(step mover show 1 | grep -v ' listener ')"
stop mover
assert_match "the settings after the moves" "^settings: +enabled=on .*idle=5s intvl=2s cnt=3 " \
	"$("$KA_CMD" --cgroup "$CG")"
assert_eq "a pair made inside after the moves" "client $ours
accepted $ours" "$(cg_run "$CG" "$prog" pair)"
"$KA_CMD" --cgroup "$CG" --detach >/dev/null || fail "--detach after the moves"
assert_eq "nothing attached after --detach" 0 "$(cg_ours)"
assert_eq "nothing pinned after --detach" "" "$(cg_pinned)"
