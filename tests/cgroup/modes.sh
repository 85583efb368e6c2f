#!/bin/sh
# keepalive --cgroup in respect and force mode, against a static program that
# sets its own values with raw system calls, before connecting and after;
# --role and --ports (in a private network namespace, where fixed ports are
# the test's own); UDP and UNIX sockets untouched in force mode.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"
cg_setup modes

prog="$KA_PROGS/kacgroup"
timers="--idle 5 --intvl 2 --cnt 3"
ours="keepalive=1 idle=5 intvl=2 cnt=3 user_timeout=10000"
theirs="-s keepalive=1 -s idle=7200 -s intvl=75 -s cnt=9 -s user_timeout=1234"
undo="-a keepalive=0 -a idle=7200 -a intvl=75 -a cnt=9 -a user_timeout=1234"

# both ARGS...: kacgroup's output outside the cgroup, then inside.
both() {
	outside=$("$prog" "$@") || fail "kacgroup $* failed"
	inside=$(cg_run "$CG" "$prog" "$@") || fail "kacgroup $* failed in the cgroup"
}

# in_netns ARGS...: kacgroup in the cgroup and in a network namespace of its own.
in_netns() {
	cg_run "$CG" unshare -n sh -c 'ip link set dev lo up && exec "$@"' sh "$prog" "$@"
}

apply() {
	out=$("$KA_CMD" --cgroup "$CG" --apply "$@") || fail "--apply $*: $out"
}

# Respect mode.
apply $timers
# shellcheck disable=SC2086
both $theirs pair
assert_eq "respect: the program's own keepalive stands" "$outside" "$inside"
both -s idle=7200 pair
assert_eq "respect: the program's own idle is kept, the rest ours" \
	"client keepalive=1 idle=7200 intvl=2 cnt=3 user_timeout=10000
accepted keepalive=1 idle=7200 intvl=2 cnt=3 user_timeout=10000" "$inside"
both -s keepalive=0 pair
# As the library does (tests/preload/program-wins.sh): keepalive stays off,
# the timers and the user timeout are ours.
assert_match "respect: a client the program turned keepalive off on stays off" \
	"^client keepalive=0 idle=5 intvl=2 cnt=3 user_timeout=[1-9][0-9]*$" "$inside"
# shellcheck disable=SC2086
both $undo pair
assert_eq "respect: the program's later calls win" "$outside" "$inside"

# Force mode.
apply $timers --mode force
# shellcheck disable=SC2086
both $theirs pair
assert_eq "force: ours, whatever the program set before" "client $ours
accepted $ours" "$inside"
# shellcheck disable=SC2086
both $undo -a idle=0 -a idle=5 pair
assert_eq "force: the same results as outside" "$(printf '%s\n' "$outside" | grep ' ret=')" \
	"$(printf '%s\n' "$inside" | grep ' ret=')"
assert_match "force: a value the kernel refuses still fails" \
	"client after idle=0 ret=-1 errno=Invalid argument" "$inside"
assert_eq "force: the program's later calls have no effect" "client $ours
accepted $ours" "$(printf '%s\n' "$inside" | grep -v ' ret=')"
both other
assert_eq "force: UDP and UNIX sockets untouched" "$outside" "$inside"
assert_match "UDP keepalive off as set" "udp final keepalive=0" "$inside"

# Role and ports: the remote port of a client, the local port of an accepted
# connection; both ends are in the cgroup here.
apply $timers --role client
assert_eq "--role client" "client $ours
accepted keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=0" "$(in_netns pair 4000)"
apply $timers --role server
assert_eq "--role server" "client keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=0
accepted $ours" "$(in_netns pair 4000)"
apply $timers --ports 4000-4001,5432
assert_eq "--ports: in" "client $ours
accepted $ours" "$(in_netns pair 5432)"
assert_eq "--ports: out" "client keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=0
accepted keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=0" "$(in_netns pair 4002)"
apply $timers --off
assert_eq "--off" "$("$prog" pair)" "$(cg_run "$CG" "$prog" pair)"
