#!/bin/sh
# The README's systemd drop-in for --cgroup (doc/recipes/keepalive-cgroup.conf),
# its ExecStartPost= and ExecStopPost= lines run as systemd would run them on
# a cgroup the test makes: the connections of the cgroup get the settings,
# then nothing of ours is left.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"
cg_setup recipe

line() { # line KEY: the command of the drop-in's KEY= line, for this machine
	sed -n "s/^$1=-\{0,1\}//p" "$KA_SRCDIR/doc/recipes/keepalive-cgroup.conf" |
		sed -e "s|/usr/local/bin/keepalive|$KA_CMD|" -e "s|/sys/fs/cgroup/system.slice/%n|$CG|"
}

start=$(line ExecStartPost)
# shellcheck disable=SC2086
out=$(cg_run "$CG" $start) || fail "ExecStartPost= failed: $out"
assert_eq "ExecStartPost=" "client keepalive=1 idle=30 intvl=5 cnt=3 user_timeout=44000
accepted keepalive=1 idle=30 intvl=5 cnt=3 user_timeout=44000" "$(cg_run "$CG" "$KA_PROGS/kacgroup" pair)"
stop=$(line ExecStopPost)
# shellcheck disable=SC2086
out=$($stop) || fail "ExecStopPost= failed: $out"
assert_eq "ExecStopPost=: nothing attached" 0 "$(cg_ours)"
assert_eq "ExecStopPost=: nothing pinned" "" "$(cg_pinned)"
