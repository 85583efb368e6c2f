#!/bin/bash
# make bench: libkeepalive against the bare C library and the preload
# libraries Debian packages (libkeepalive 0.3, libdontdie 1.2), in one run.
#
# Every timing is taken in rounds; within a round the four variants run one
# after the other (bare, ours, 0.3, libdontdie), and each variant's time is
# divided by bare's from the same round. The table shows the median of those
# ratios and their spread (min..max over the rounds). Prints the table and
# writes it, with the machine it came from, to $BENCH_RESULTS.
#
# Environment (set by bench/local.mk): KA_LIB, BENCH_PROGS, BENCH_RESULTS.
# BENCH_QUICK=1 runs fewer rounds, a smoke test: it prints the table but
# leaves $BENCH_RESULTS alone.
set -euo pipefail

: "${KA_LIB:?run through make bench}" "${BENCH_PROGS:?}" "${BENCH_RESULTS:?}"
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
LIB03=/usr/lib/libkeepalive.so.0
LIBDD=/usr/lib/x86_64-linux-gnu/libdontdie.so.0

VARIANTS=(bare ours ka03 dd)
declare -A TITLE=([bare]="bare libc" [ours]="libkeepalive (ours)"
	[ka03]="libkeepalive 0.3" [dd]="libdontdie 1.2")

if [ "${BENCH_QUICK:-0}" = 1 ]; then
	ROUNDS=3 SOCK_N=20000 PAIR_N=1000 SPAWN_ROUNDS=5 SPAWN_N=50 WRK_ROUNDS=2 WRK_SECONDS=2 DETECT_ROUNDS=2
else
	ROUNDS=9 SOCK_N=30000 PAIR_N=3000 SPAWN_ROUNDS=41 SPAWN_N=100 WRK_ROUNDS=9 WRK_SECONDS=3 DETECT_ROUNDS=5
fi

TMP=$(mktemp -d /tmp/kabench.XXXXXX)
CLEANUPS=()
cleanup() {
	local i
	for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${CLEANUPS[i]}" >/dev/null 2>&1 || true
	done
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

note() { printf 'bench: %s\n' "$*" >&2; }

# venv VARIANT IDLE INTVL CNT [USER_TIMEOUT]: the environment that preloads
# VARIANT with those keepalive timers (seconds), as NAME=VALUE words. Only
# ours has a user timeout (the others leave TCP_USER_TIMEOUT alone); without
# one given, ours applies its default, idle + intvl * cnt.
venv() {
	case $1 in
	bare) ;;
	empty) echo "LD_PRELOAD=$BENCH_EMPTY" ;;
	ours) echo "LD_PRELOAD=$KA_LIB KEEPALIVE_IDLE=$2 KEEPALIVE_INTVL=$3 KEEPALIVE_CNT=$4${5:+ KEEPALIVE_USER_TIMEOUT=$5}" ;;
	ka03) echo "LD_PRELOAD=$LIB03 KEEPALIVE=on KEEPIDLE=$2 KEEPINTVL=$3 KEEPCNT=$4" ;;
	dd) echo "LD_PRELOAD=$LIBDD DD_USE_KEEPALIVE=1 DD_TCP_KEEPALIVE_TIME=$2 DD_TCP_KEEPALIVE_INTVL=$3 DD_TCP_KEEPALIVE_PROBES=$4" ;;
	esac
}

# run VARIANT CMD...: CMD with VARIANT preloaded, production-like timers.
run() {
	local v=$1
	shift
	# shellcheck disable=SC2046
	env $(venv "$v" 60 10 6) "$@"
}

# stats "V ...": "median min max" of a space-separated list of numbers.
stats() {
	tr -s ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR] = $1}
		END {m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
		     print m, a[1], a[NR]}'
}

# ratios A B: per-round B[i]/A[i] of two space-separated lists.
ratios() {
	awk -v a="$1" -v b="$2" 'BEGIN {n = split(a, x); split(b, y)
		for (i = 1; i <= n; i++) printf "%.4f ", y[i] / x[i]}'
}

# The table: ROWS in order; CELL[row,variant]; TARGET[row]; NOTES.
ROWS=()
declare -A CELL TARGET
NOTES=()
row() { ROWS+=("$1"); TARGET[$1]=${2:--}; }
miss() { CELL[$1,ours]="${CELL[$1,ours]} **(misses target)**"; }

# timing_row ROW UNIT FORMAT [DIVISOR]: a row from the VAL[variant] lists
# (divided by DIVISOR for display): bare as "value unit", the others as
# "value unit, ratio (min..max)".
declare -A VAL
timing_row() {
	local name=$1 unit=$2 fmt=$3 div=${4:-1} v m lo hi r
	for v in "${VARIANTS[@]}"; do
		read -r m lo hi <<<"$(stats "${VAL[$v]}")"
		m=$(awk -v m="$m" -v d="$div" 'BEGIN {print m / d}')
		if [ "$v" = bare ]; then
			CELL[$name,$v]=$(printf "$fmt %s" "$m" "$unit")
			continue
		fi
		read -r r lo hi <<<"$(stats "$(ratios "${VAL[bare]}" "${VAL[$v]}")")"
		CELL[$name,$v]=$(printf "$fmt %s, %.3fx (%.3f..%.3f)" "$m" "$unit" "$r" "$lo" "$hi")
		LAST_RATIO[$v]=$r
	done
}
declare -A LAST_RATIO

# interleave ROUNDS CMD...: runs CMD under each variant in turn, ROUNDS
# times, collecting its one-number output in VAL[variant].
interleave() {
	local rounds=$1 r v
	shift
	for v in "${VARIANTS[@]}"; do VAL[$v]=; done
	for ((r = 0; r < rounds; r++)); do
		for v in "${VARIANTS[@]}"; do
			VAL[$v]+="$(run "$v" "$@") "
		done
	done
}

P=$BENCH_PROGS
for lib in "$LIB03" "$LIBDD" "$KA_LIB"; do
	[ -e "$lib" ] || { note "missing $lib (run bench/setup as root)"; exit 1; }
done
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s)

note "1/7 socket()+close(): $ROUNDS rounds of $SOCK_N calls per variant, and the five options by hand"
row socket
row byhand
interleave "$ROUNDS" "$P/sockloop" socket "$SOCK_N"
HAND=
for ((r = 0; r < ROUNDS; r++)); do HAND+="$(run bare "$P/sockloop" byhand "$SOCK_N") "; done
timing_row socket ns %.0f
# The floor of a shim that sets five options at socket(): the same calls
# made by hand without a preload; each variant as a ratio to it.
read -r m _ _ <<<"$(stats "$HAND")"
CELL[byhand,bare]=$(printf '%.0f ns (%.3fx bare)' "$m" "$(stats "$(ratios "${VAL[bare]}" "$HAND")" | cut -d' ' -f1)")
for v in ours ka03 dd; do
	read -r r lo hi <<<"$(stats "$(ratios "$HAND" "${VAL[$v]}")")"
	CELL[byhand,$v]=$(printf '%.3fx the floor (%.3f..%.3f)' "$r" "$lo" "$hi")
done

note "2/7 connect()+accept()+close(): $ROUNDS rounds of $PAIR_N loopback pairs per variant"
row pair
interleave "$ROUNDS" "$P/sockloop" pair "$PAIR_N"
timing_row pair ns %.0f

note "3/7 setsockopt/getsockopt calls (strace)"
declare -A sock acc
# calls VARIANT MODE N: setsockopt+getsockopt calls made by sockloop MODE N.
calls() {
	# shellcheck disable=SC2046
	strace -f -qq -e trace=setsockopt,getsockopt -e signal=none -o "$TMP/strace" \
		env $(venv "$1" 60 10 6) "$P/sockloop" "$2" "$3" >/dev/null
	grep -c 'sockopt(' "$TMP/strace" || true
}
# per_call VARIANT MODE: calls per iteration, from 1000 iterations minus 0.
per_call() {
	awk -v a="$(calls "$1" "$2" 1000)" -v b="$(calls "$1" "$2" 0)" 'BEGIN {print (a - b) / 1000}'
}
row created "<= 5"
row accepted "0"
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
	for v in "${VARIANTS[@]}"; do
		sock[$v]=$(per_call "$v" socket)
		acc[$v]=$(per_call "$v" accept)
	done
	for v in "${VARIANTS[@]}"; do
		if [ "$v" = bare ]; then
			CELL[created,bare]="${sock[bare]} (baseline)"
			CELL[accepted,bare]="${acc[bare]} (baseline)"
		else
			CELL[created,$v]=$(awk -v a="${sock[$v]}" -v b="${sock[bare]}" 'BEGIN {printf "%.2f", a - b}')
			CELL[accepted,$v]=$(awk -v a="${acc[$v]}" -v b="${acc[bare]}" 'BEGIN {printf "%.2f", a - b}')
		fi
	done
	awk -v x="${CELL[created,ours]}" 'BEGIN {exit !(x > 5)}' && miss created
	awk -v x="${CELL[accepted,ours]}" 'BEGIN {exit !(x > 0)}' && miss accepted
else
	for v in "${VARIANTS[@]}"; do CELL[created,$v]="skipped (no strace)"; CELL[accepted,$v]=${CELL[created,$v]}; done
fi

note "4/7 start-up: /bin/true, $SPAWN_ROUNDS rounds of $SPAWN_N runs per variant, pinned to one CPU"
row startup "<= 1.01x empty"
PIN=
! command -v taskset >/dev/null || PIN="taskset -c $(($(nproc) - 1))"
VARIANTS=(bare empty ours ka03 dd)
# Within a round the variants take turns run by run (spawnloop), and each
# round gives every variant's median run; each is then divided by the empty
# library's of its own round. A drift of the machine's speed (seen here over
# seconds) is shared alike, as it is not by blocks of runs one variant at a
# time (whose ratios spread from 0.72 to 1.31 here).
ENVS=()
for v in "${VARIANTS[@]}"; do
	ENVS+=("$(venv "$v" 60 10 6)")
	VAL[$v]=
done
for ((r = 0; r < SPAWN_ROUNDS; r++)); do
	# shellcheck disable=SC2086 # PIN is a command and its arguments
	read -r -a medians <<<"$($PIN "$P/spawnloop" "$SPAWN_N" "${ENVS[@]}" -- /bin/true)"
	for i in "${!VARIANTS[@]}"; do VAL[${VARIANTS[i]}]+="${medians[i]} "; done
done
VARIANTS=(bare ours ka03 dd)
declare -A MEDIAN
for v in bare empty ours ka03 dd; do
	read -r MEDIAN[$v] _ _ <<<"$(stats "${VAL[$v]}")"
done
read -r r _ _ <<<"$(stats "$(ratios "${VAL[bare]}" "${VAL[empty]}")")"
CELL[startup,bare]=$(awk -v b="${MEDIAN[bare]}" -v e="${MEDIAN[empty]}" -v r="$r" \
	'BEGIN {printf "%.0f µs; empty library %.0f µs, %.3fx", b / 1000, e / 1000, r}')
for v in ours ka03 dd; do
	read -r rb _ _ <<<"$(stats "$(ratios "${VAL[bare]}" "${VAL[$v]}")")"
	read -r re lo hi <<<"$(stats "$(ratios "${VAL[empty]}" "${VAL[$v]}")")"
	CELL[startup,$v]=$(awk -v x="${MEDIAN[$v]}" -v rb="$rb" -v re="$re" -v lo="$lo" -v hi="$hi" \
		'BEGIN {printf "%.0f µs, %.3fx bare, %.3fx empty (%.3f..%.3f)", x / 1000, rb, re, lo, hi}')
	[ "$v" != ours ] || LAST_RATIO[ours]=$re
done
awk -v r="${LAST_RATIO[ours]}" 'BEGIN {exit !(r > 1.01)}' && miss startup

note "5/7 nginx + wrk"
# shellcheck source=bench/nginx.sh
. "$BENCH_DIR/nginx.sh"
bench_nginx

note "6/7 detection latency in network namespaces"
# shellcheck source=bench/detect.sh
. "$BENCH_DIR/detect.sh"
bench_detect

note "7/7 memory: 9 rounds"
row rss
declare -A RSS ANON
for ((r = 0; r < 9; r++)); do
	for v in "${VARIANTS[@]}"; do
		read -r m a <<<"$(run "$v" "$P/rss")"
		RSS[$v]+="$m " ANON[$v]+="$a "
	done
done
for v in "${VARIANTS[@]}"; do
	read -r m _ _ <<<"$(stats "${RSS[$v]}")"
	read -r a _ _ <<<"$(stats "${ANON[$v]}")"
	RSS[$v]=${m%.*} ANON[$v]=${a%.*}
done
CELL[rss,bare]="${RSS[bare]} KiB, anonymous ${ANON[bare]} KiB"
for v in ours ka03 dd; do
	CELL[rss,$v]="$(printf '%+d KiB, anonymous %+d KiB' $((RSS[$v] - RSS[bare])) $((ANON[$v] - ANON[bare])))"
done

ELAPSED=$(($(date +%s) - START))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

declare -A LABEL=(
	[socket]="socket()+close(), IPv4 TCP, per call"
	[byhand]="floor: socket() + the five setsockopt by hand + close(), no preload (bare column); each variant's socket()+close() as a ratio to it"
	[pair]="connect()+accept()+close(), loopback pair"
	[created]="setsockopt+getsockopt per created TCP socket (bare subtracted)"
	[accepted]="setsockopt+getsockopt per accepted connection, own listener (bare subtracted)"
	[startup]="start-up: /bin/true spawn to exit, median of $SPAWN_ROUNDS rounds; bare column: bare and an empty preload library"
	[rps]="nginx static file, wrk -t1 -c64 -d${WRK_SECONDS}s (worker and wrk each on a CPU of its own): requests/s"
	[kaon]="nginx: idle connections held with the keepalive timer on (ss -tno)"
	[detect]="dead peer, idle connection, idle 1 s + interval 1 s x 2 probes (bound 3 s): median / max, ratio to bound"
	[inflight]="dead peer, data in flight (one byte written), LAN: median / max, ratio to bound"
	[bulk]="dead peer, data in flight (a 256 KiB write), LAN"
	[inflight50]="dead peer, data in flight (one byte), 50 ms RTT"
	[bulk50]="dead peer, data in flight (256 KiB), 50 ms RTT"
	[connect]="connect() to a host that is gone"
	[reset]="peer came back without the connection (answers with a reset), from the last exchange"
	[rss]="memory after one socket(): VmRSS (RssAnon), median; increase over bare"
)

table() {
	printf '| metric | %s | %s | %s | %s | target (ours) |\n' \
		"${TITLE[bare]}" "${TITLE[ours]}" "${TITLE[ka03]}" "${TITLE[dd]}"
	printf '|---|---|---|---|---|---|\n'
	local r
	for r in "${ROWS[@]}"; do
		printf '| %s | %s | %s | %s | %s | %s |\n' "${LABEL[$r]}" "${CELL[$r,bare]:-}" \
			"${CELL[$r,ours]:-}" "${CELL[$r,ka03]:-}" "${CELL[$r,dd]:-}" "${TARGET[$r]}"
	done
}

machine() {
	printf '%s cores, %s, kernel %s' "$(nproc)" \
		"$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)" "$(uname -r)"
}

{
	echo "# libkeepalive benchmark results"
	echo
	echo "Written by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC') in ${ELAPSED} s."
	echo "Machine: $(machine). Load average $LOAD_BEFORE before, $LOAD_AFTER after"
	echo "(other work was running on the machine during the run if these are well above 0)."
	echo
	echo "Timings: $ROUNDS rounds (start-up: $SPAWN_ROUNDS; nginx: $WRK_ROUNDS; detection: $DETECT_ROUNDS; memory: 9),"
	echo "variants interleaved within each round (bare, ours, 0.3, libdontdie); each ratio is"
	echo "variant / bare of the same round, shown as median (min..max) over the rounds. A value"
	echo "beside a ratio is that variant's own median, so the two need not divide exactly."
	echo "Timers for the timings: idle 60 s, interval 10 s, 6 probes; detection: idle 1 s, interval 1 s,"
	echo "2 probes."
	echo
	table
	echo
	cat <<EON
- Bare is the C library alone. Ours is the library built in this tree; libkeepalive 0.3 and
  libdontdie 1.2 are the Debian packages \`libkeepalive0\` and \`libdontdie0\`.
- System calls: \`strace -f\` counts setsockopt and getsockopt over 1,000 sockets, minus a run
  with none. For accepted connections the client side uses raw system calls, so only the
  accepting side is counted.
- nginx: one instance per variant (master and one worker), loaded in turn by wrk, the worker
  on one CPU and wrk on the other. Keepalive is
  checked on 4 idle connections with \`ss -tno\` (under load ss shows the retransmission timer
  instead).
- Start-up: $SPAWN_ROUNDS rounds of $SPAWN_N runs per variant, the variants taking turns run
  by run, each round giving each variant's median run; the spawning loop pinned to one CPU;
  the empty library (bench/empty.c) is the cost of loading any shared object, and "x empty"
  each variant's ratio to it in the same round (median, min..max).
- The floor row: socket(), the five setsockopt calls a shim makes (SO_KEEPALIVE,
  TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT) and close() by hand, without a
  preload, in the same rounds; each variant's socket()+close() as a ratio to it.
- Detection: server and client in their own network namespaces, each plugged into a bridge in
  a third; the client's link is taken down. Time from the last exchange (idle, reset) or from
  the write left unacknowledged (in flight) to the error of the blocked read(), or from the
  start of connect() to its error (the server's link down). Reset: the client's kernel forgets
  the connection (ss -K) while its link is down, then the link is back. 50 ms RTT: the bridge
  replaced by a delay line (tests/netns/delay.py). Ours derives its user timeout (2.25 s); the
  others set none. Runs still blocked after ${DET_LIMIT_S:-10} s are stopped; those ran once,
  together.
- Where ours misses a target the cell says so; README.md, "Performance", explains why.
EON
	if [ ${#NOTES[@]} -gt 0 ]; then
		printf -- '- %s\n' "${NOTES[@]}"
	fi
} >"$TMP/results.md"
# A quick run is a smoke test: its numbers do not replace the committed ones.
[ "${BENCH_QUICK:-0}" = 1 ] || cp "$TMP/results.md" "$BENCH_RESULTS"
echo
cat "$TMP/results.md"
