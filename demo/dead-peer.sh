#!/bin/sh
# The demonstration behind `make demo` (as root): two servers blocked in
# read(), one with libkeepalive and one without, whose client's cable is
# pulled. Two hosts in private network namespaces stand in for the machines;
# no traffic leaves them. Exits 0 when the server with libkeepalive noticed
# within idle + intvl*cnt (+1 s).
# usage: sh demo/dead-peer.sh PATH/TO/libkeepalive.so
set -u

lib=${1:?usage: $0 PATH/TO/libkeepalive.so}
here=$(cd "$(dirname "$0")" && pwd)
settings="KEEPALIVE_IDLE=2 KEEPALIVE_INTVL=1 KEEPALIVE_CNT=3"
window=15000 # how long to watch, in ms

# The tests' helpers do the work (tests/lib.sh, tests/netns/netns.sh); fail
# and skip, redefined below, speak for the demonstration.
KA_LIB=$lib
KA_SRCDIR=$(cd "$here/.." && pwd)
KA_BUILDDIR=${KA_BUILDDIR:-$KA_SRCDIR}
. "$KA_SRCDIR/tests/lib.sh"

fail() {
	echo "demo: $*" >&2
	exit 1
}

# The demonstration cannot be skipped like a test: say why and stop.
skip() {
	fail "cannot run: $*"
}

[ "$(id -u)" = 0 ] ||
	fail "must run as root: it creates network namespaces to pull a cable in (try: sudo make demo)"
[ -f "$lib" ] || fail "$lib not found: build it first (make)"
. "$KA_SRCDIR/tests/netns/netns.sh"
need socat
NS_BOUND=5000 # idle + intvl*cnt = 2 + 1*3 s, as in $settings
ns_setup demo

with=$NS_PORT without=$((NS_PORT + 1))
echo "Two hosts in private network namespaces; on the server host ($A4), two socat"
echo "servers blocked in read(), each with a connection from the client host ($B4):"
printf '  port %s: LD_PRELOAD=%s\n  %*s %s\n' "$with" "$lib" ${#with} '' "      $settings"
printf '  port %s: the same server without libkeepalive\n' "$without"
ns_socat_pair "$with" 4 LD_PRELOAD="$lib" $settings
server_with=$NS_SERVER log_with=$NS_LOG
ns_socat_pair "$without" 4
server_without=$NS_SERVER
echo
echo "Their connections, as 'ss -tno' shows them on the server host:"
ns_ss "$NS_A" -tno state established | sed 's/^/  /; s/ *$//'
echo
echo "Pulling the client's cable, then watching for $((window / 1000)) s..."
ns_pull_cable "$NS_B"

if ns_wait_exit "$server_with" "$window"; then
	error=$(sed -n 's/.* E \([a-z]*\)(.*): /\1() failed: /p' "$log_with" | head -n 1)
	result_with="noticed after $(ns_seconds "$NS_ELAPSED") s (bound $((NS_BOUND / 1000)) s): ${error:-socat exited}"
	noticed=$NS_ELAPSED
else
	result_with="still waiting after $(ns_seconds "$NS_ELAPSED") s (bound $((NS_BOUND / 1000)) s)"
	noticed=$window
fi
if ns_wait_exit "$server_without" "$window"; then
	result_without="noticed after $(ns_seconds "$NS_ELAPSED") s"
else
	result_without="still waiting after $(ns_seconds "$NS_ELAPSED") s (stopped there)"
fi

echo
printf '  %-22s %s\n' "server" "after the client's cable was pulled" \
	"with libkeepalive" "$result_with" \
	"without libkeepalive" "$result_without"
echo
if [ "$noticed" -le $((NS_BOUND + 1000)) ]; then
	echo "With libkeepalive, read() failed within idle + intvl*cnt. Without it, nothing"
	echo "tells the server: with nothing to send, it waits for ever."
else
	fail "the server with libkeepalive did not notice within $((NS_BOUND / 1000 + 1)) s"
fi
