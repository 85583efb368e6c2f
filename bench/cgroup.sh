#!/bin/bash
# What keepalive --cgroup costs: loopback connect + accept + close (both ends
# in the cgroup, bench/sockloop pair) on one CPU (taskset), in interleaved
# rounds, each variant divided by bare's time of the same round:
#
#   bare     a cgroup with nothing attached
#   library  the same, with libkeepalive preloaded (five setsockopt calls a socket)
#   cgroup   keepalive --cgroup --apply (sock_ops + cgroup/setsockopt)
#   empty    a sock_ops program that returns at once: the callbacks alone
#   allcb    sock_ops asking for every optional callback (RTO, retransmit, state, RTT...)
#   connect4 cgroup/connect4 setting the five options (clients only)
#
# Root, cgroup v2, network namespaces (ip), a keepalive built with BPF. Prints a table; with
# BENCH_RESULTS set, also writes it there.
#   bash bench/cgroup.sh BUILDDIR [ROUNDS] [N]
set -euo pipefail
B=$(cd "${1:?usage: cgroup.sh BUILDDIR [ROUNDS] [N]}" && pwd)
# In each round every variant's loop runs at once on one CPU, and they take
# turns, TURN pairs at a time (sockloop MODE N TURN): a machine whose speed
# moves from one second to the next (pairs of 15 us and of 23 us here, in
# spells of seconds) then moves every variant alike. One variant after the
# other, 3,000 pairs each, the rounds' ratios spread from 0.62 to 1.74.
ROUNDS=${2:-41} N=${3:-3000} TURN=100 CPU=${BENCH_CPU:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
KA="$B/src/bin/keepalive" LOOP="$B/bench/sockloop" LIB="$B/src/lib/.libs/libkeepalive.so"
[ -x "$LOOP" ] || make -C "$B" bench/sockloop >/dev/null
root=$(awk '{ for (i = 7; i <= NF; i++) if ($i == "-") break;
	if ($(i + 1) == "cgroup2") { print $5; exit } }' /proc/self/mountinfo)
bpffs=$(awk '{ for (i = 7; i <= NF; i++) if ($i == "-") break;
	if ($(i + 1) == "bpf") { print $5; exit } }' /proc/self/mountinfo)
[ -n "$root" ] && [ -n "$bpffs" ] || { echo "cgroup.sh: needs cgroup2 and bpffs mounted" >&2; exit 1; }
VARIANTS=(bare library cgroup empty allcb connect4)
TMP=$(mktemp -d /tmp/kabench-cgroup.XXXXXX)
PIN="$bpffs/kabench-$$" NS="kabench-$$"
cleanup() {
	"$KA" --cgroup "$root/kabench-$$-cgroup" --detach >/dev/null 2>&1 || :
	ip netns del "$NS" 2>/dev/null || :
	for v in "${VARIANTS[@]}"; do rmdir "$root/kabench-$$-$v" 2>/dev/null || :; done
	rm -rf "$PIN" "$TMP"
}
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do mkdir "$root/kabench-$$-$v"; done
# The loops run in a network namespace of their own that keeps no
# TIME_WAIT sockets: their 738,000 connections would otherwise fill the
# host's table (131,072 entries here) for a minute.
ip netns add "$NS"
ip -n "$NS" link set lo up
ip netns exec "$NS" sysctl -q net.ipv4.tcp_max_tw_buckets=0
clang -O2 -target bpf -I"/usr/include/$(gcc -print-multiarch)" -c "$HERE/cgroup-alt.bpf.c" -o "$TMP/alt.o"
bpftool prog loadall "$TMP/alt.o" "$PIN"
bpftool cgroup attach "$root/kabench-$$-empty" sock_ops pinned "$PIN/bench_empty" multi
bpftool cgroup attach "$root/kabench-$$-allcb" sock_ops pinned "$PIN/bench_allcb" multi
bpftool cgroup attach "$root/kabench-$$-connect4" connect4 pinned "$PIN/bench_connect4" multi
"$KA" --cgroup "$root/kabench-$$-cgroup" --apply >/dev/null

one() { # one VARIANT: ns per connection, taking turns (descriptors 3, 4, 5)
	local cg="$root/kabench-$$-$1" pre=
	[ "$1" != library ] || pre="LD_PRELOAD=$LIB"
	sh -c 'echo $$ >"$0/cgroup.procs" && shift && exec "$@"' "$cg" x \
		ip netns exec "$NS" env $pre taskset -c "$CPU" "$LOOP" pair "$N" "$TURN"
}
# A ring of FIFOs, opened read-write so that no open() waits for the other
# end: variant i waits for its turn on turn.i and hands it on to turn.i+1.
count=${#VARIANTS[@]}
for ((i = 0; i < count; i++)); do mkfifo "$TMP/turn.$i"; done
mkfifo "$TMP/ready"
exec 5<>"$TMP/ready"
for ((r = 0; r < ROUNDS; r++)); do
	pids=()
	for ((i = 0; i < count; i++)); do
		one "${VARIANTS[i]}" 3<>"$TMP/turn.$i" 4<>"$TMP/turn.$(((i + 1) % count))" \
			>"$TMP/out.$i" &
		pids+=($!)
	done
	# Every loop started (each writes a byte once ready), then the first turn.
	head -c "$count" <&5 >/dev/null
	printf t >"$TMP/turn.$((r % count))"
	wait "${pids[@]}"
	# (The last turn, handed on to nobody, went with the FIFO's last close.)
	for ((i = 0; i < count; i++)); do cat "$TMP/out.$i" >>"$TMP/${VARIANTS[i]}"; done
done
exec 5<&-
{
	echo "| variant | ns per connect+accept+close (median) | ratio to bare (median, min..max) |"
	echo "|---|---|---|"
	for v in "${VARIANTS[@]}"; do
		ratios=$(paste "$TMP/$v" "$TMP/bare" | awk '{ printf "%.3f\n", $1 / $2 }' | sort -n)
		times=$(sort -n "$TMP/$v")
		m=$(((ROUNDS + 1) / 2))
		printf '| %s | %.0f | %s (%s..%s) |\n' "$v" "$(sed -n "${m}p" <<<"$times")" \
			"$(sed -n "${m}p" <<<"$ratios")" "$(head -1 <<<"$ratios")" "$(tail -1 <<<"$ratios")"
	done
	echo
	echo "$ROUNDS rounds of $N connections on CPU $CPU, $(uname -r), $(date -u +%Y-%m-%d)."
} | tee "$TMP/table"
[ -z "${BENCH_RESULTS:-}" ] || cp "$TMP/table" "$BENCH_RESULTS"
