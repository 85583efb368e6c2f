#!/bin/sh
# The control: the same server without the preload is still blocked in read()
# 2 s after the others' bound, so the dead-peer tests can fail.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
need socat
ns_setup control

ns_socat_pair "$NS_PORT" 4
ns_pull_cable "$NS_B"
if ns_wait_exit "$NS_SERVER" $((NS_BOUND + 2000)); then
	cat "$NS_LOG" >&2
	fail "the server without the preload stopped $(ns_seconds "$NS_ELAPSED") s after the cable was pulled"
fi
echo "server without the preload still blocked after $(ns_seconds "$NS_ELAPSED") s (bound $((NS_BOUND / 1000)) s)"
