#!/bin/sh
# Through the command: a server started as "keepalive --idle 1 --intvl 1
# --cnt 2 -- socat ..." learns that its client's cable was pulled within
# idle + intvl x cnt (+1 s), and the pid the test waits on is socat's own.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need socat
ns_setup command

# ns_socat_pair runs "env WORDS... socat ...": after the assignment, the
# keepalive command and its options are the command env runs.
ns_socat_pair "$NS_PORT" 4 \
	KEEPALIVE_LIBRARY="$KA_LIB" "$KA_CMD" --idle 1 --intvl 1 --cnt 2 --
ns_expect_keepalive "$NS_A" "$NS_PORT"
assert_eq "the server's pid runs socat" socat "$(cat "/proc/$NS_SERVER/comm")"
ns_pull_cable "$NS_B"
ns_expect_noticed server "$NS_SERVER" "$NS_LOG"
assert_match "socat's error" 'E read.*(timed out|No route to host)' "$(cat "$NS_LOG")"
