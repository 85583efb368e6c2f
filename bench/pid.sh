#!/bin/bash
# make bench, keepalive --pid: the time --apply takes per socket on a
# process with 10,000 established connections (wall clock, which includes
# the pacing of 5,000 connections a second, and the command's own CPU
# time), next to the floor of the same system calls made in-process
# (bench/pidfloor); then nginx's request rate while --apply runs on it every
# second, against its rate without, in alternate rounds. In a private
# network namespace; root only.
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
# Their 20,000 sockets would be in every sock_diag dump of the namespace.
ip netns pids "$NS" | xargs -r kill -9
wait 2>/dev/null || true

# nginx under wrk (64 connections), with and without --apply run on its
# master and worker every second, as a loop in a script would (force mode,
# other values each time, so that every socket is set again; no user timeout
# to wait for), in alternate rounds: the ratio of the two rates in each
# round. The worker and wrk each have a CPU (nginx.sh); the command takes its
# time from one of them, as it would on a busy server.
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
	echo "bench: --pid with nginx skipped (nginx or wrk missing; bench/setup installs them)" >&2
	exit 0
fi
note() { printf 'bench: %s\n' "$*" >&2; }
# shellcheck source=bench/nginx.sh
. "$(dirname "$0")/nginx.sh"
WRK_ROUNDS=${BENCH_PID_WRK_ROUNDS:-15}
WRK_SECONDS=${BENCH_PID_WRK_SECONDS:-3}
dir=$TMP/nginx
mkdir -p "$dir/www"
head -c 512 /dev/zero | tr '\0' x >"$dir/www/index.html"
nginx_conf "$dir" 8080 >"$dir/nginx.conf"
ip netns exec "$NS" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >"$dir/stdout" 2>&1 &
for _ in $(seq 100); do [ -s "$dir/nginx.pid" ] && break; sleep 0.05; done
master=$(cat "$dir/nginx.pid")
until worker=$(pgrep -P "$master" nginx); do sleep 0.05; done
ip netns exec "$NS" bash -c "$(declare -f wait_listen); wait_listen 8080" ||
	{ note "nginx did not start: $(tail -n 3 "$dir/error.log")"; exit 1; }

# in_ns_rps: wrk inside the namespace; sets RPS.
in_ns_rps() {
	# shellcheck disable=SC2086 # WRK is a command and its arguments (nginx.sh)
	RPS=$(ip netns exec "$NS" $WRK -c64 -d"${WRK_SECONDS}s" http://127.0.0.1:8080/index.html |
		awk '/^Requests\/sec:/ {print $2}')
	[ -n "$RPS" ] || { note "wrk failed"; exit 1; }
}

printf '\n| round | nginx alone | nginx during --apply | ratio | --apply runs |\n'
printf '|---|---|---|---|---|\n'
ratios=
# during: nginx's rate with --apply running every second; sets RPS and RUNS.
during() {
	local applier
	: >"$TMP/applies"
	(
		i=0
		while :; do
			i=$((i + 1))
			"$KA_CMD" --pid "$master" "$worker" --apply --mode force --idle $((60 + i % 2)) \
				--user-timeout 0 >/dev/null 2>>"$TMP/apply.err" || echo failed >>"$TMP/applies"
			echo run >>"$TMP/applies"
			sleep 1
		done
	) &
	applier=$!
	in_ns_rps
	kill "$applier"
	wait "$applier" 2>/dev/null || true
	RUNS=$(grep -c '^run' "$TMP/applies" || true)
	if grep -q '^failed' "$TMP/applies"; then
		note "--apply failed: $(tail -n 2 "$TMP/apply.err")"
	fi
}

for r in $(seq "$WRK_ROUNDS"); do
	# Which goes first alternates, so that a drift within a round cancels.
	if ((r % 2)); then
		in_ns_rps
		alone=$RPS
		during
		with=$RPS
	else
		during
		with=$RPS
		in_ns_rps
		alone=$RPS
	fi
	ratio=$(awk -v a="$alone" -v d="$with" 'BEGIN { printf "%.3f", d / a }')
	ratios+="$ratio "
	printf '| %d | %.0f req/s | %.0f req/s | %s | %d |\n' "$r" "$alone" "$with" "$ratio" "$RUNS"
done
printf '%s\n' $ratios | sort -n | awk '{ v[NR] = $1 } END {
	printf "\nnginx during repeated --apply: median %.3f of its rate alone (%.3f..%.3f over %d rounds; goal >= 0.98)\n",
		v[int((NR + 1) / 2)], v[1], v[NR], NR }'
