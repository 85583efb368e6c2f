#!/bin/bash
# make bench, keepalive --pid: the time --apply takes per socket on a
# process with 10,000 established connections (wall clock, which includes
# the pacing of 5,000 connections a second, and the command's own CPU
# time), next to the floor of the same system calls made in-process
# (bench/pidfloor). In a private network namespace; root only.
#
# Environment (bench/local.mk): KA_CMD, KA_PIDHELPER, BENCH_PROGS.
set -euo pipefail
: "${KA_CMD:?run through make bench}" "${KA_PIDHELPER:?}" "${BENCH_PROGS:?}"
N=${BENCH_PID_N:-10000}
ROUNDS=${BENCH_PID_ROUNDS:-3}
if [ "$(id -u)" != 0 ]; then
	echo "bench: --pid skipped (needs root, for pidfd_getfd and a network namespace)" >&2
	exit 0
fi
NS="ka-bench-pid-$$"
TMP=$(mktemp -d /tmp/kabench-pid.XXXXXX)
cleanup() {
	ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
	sleep 0.2
	ip netns delete "$NS" 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set dev lo up
ip netns exec "$NS" "$KA_PIDHELPER" listen 127.0.0.1 0 0<>/dev/null >"$TMP/server" 2>&1 &
server=$!
until grep -q '^port ' "$TMP/server"; do sleep 0.05; done
port=$(sed -n 's/^port //p' "$TMP/server")
ip netns exec "$NS" "$KA_PIDHELPER" connect 127.0.0.1 "$port" "$N" 0<>/dev/null >"$TMP/client" 2>&1 &
until grep -q '^connected ' "$TMP/client"; do sleep 0.1; done
until "$KA_CMD" --pid "$server" | grep -q " $N connections"; do sleep 0.1; done

TIMEFORMAT='%R %U %S'
printf '| round | --apply wall | per socket | CPU per socket | floor per socket |\n'
printf '|---|---|---|---|---|\n'
for r in $(seq "$ROUNDS"); do
	# Force mode, other values each round: every socket is set again.
	{ time "$KA_CMD" --pid "$server" --apply --mode force --idle $((60 + r)) \
		--user-timeout 0 >/dev/null; } 2>"$TMP/time"
	read -r wall user sys <"$TMP/time"
	floor=$(ip netns exec "$NS" "$BENCH_PROGS/pidfloor" "$N")
	awk -v w="$wall" -v u="$user" -v s="$sys" -v n="$((N + 1))" -v f="$floor" -v r="$r" \
		'BEGIN { printf "| %d | %.2f s | %.1f µs | %.1f µs | %.1f µs |\n", r, w, w * 1e6 / n,
			(u + s) * 1e6 / n, f / 1000 }'
done
grep -q '^error' "$TMP/server" "$TMP/client" && echo "bench: connections lost!" >&2 || true
