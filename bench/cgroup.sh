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
# Root, cgroup v2, a keepalive built with BPF. Prints a table; with
# BENCH_RESULTS set, also writes it there.
#   bash bench/cgroup.sh BUILDDIR [ROUNDS] [N]
set -euo pipefail
B=$(cd "${1:?usage: cgroup.sh BUILDDIR [ROUNDS] [N]}" && pwd)
# Many short rounds (each variant's round takes about 0.1 s), the order of
# the variants turned by one each round: the median of the ratios is then
# steady from one run to the next on a machine whose single rounds vary.
ROUNDS=${2:-41} N=${3:-3000} CPU=${BENCH_CPU:-1}
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
PIN="$bpffs/kabench-$$"
cleanup() {
	"$KA" --cgroup "$root/kabench-$$-cgroup" --detach >/dev/null 2>&1 || :
	for v in "${VARIANTS[@]}"; do rmdir "$root/kabench-$$-$v" 2>/dev/null || :; done
	rm -rf "$PIN" "$TMP"
}
trap cleanup EXIT
for v in "${VARIANTS[@]}"; do mkdir "$root/kabench-$$-$v"; done
clang -O2 -target bpf -I"/usr/include/$(gcc -print-multiarch)" -c "$HERE/cgroup-alt.bpf.c" -o "$TMP/alt.o"
bpftool prog loadall "$TMP/alt.o" "$PIN"
bpftool cgroup attach "$root/kabench-$$-empty" sock_ops pinned "$PIN/bench_empty" multi
bpftool cgroup attach "$root/kabench-$$-allcb" sock_ops pinned "$PIN/bench_allcb" multi
bpftool cgroup attach "$root/kabench-$$-connect4" connect4 pinned "$PIN/bench_connect4" multi
"$KA" --cgroup "$root/kabench-$$-cgroup" --apply >/dev/null

one() { # one VARIANT: ns per connection
	local cg="$root/kabench-$$-$1" pre=
	[ "$1" != library ] || pre="LD_PRELOAD=$LIB"
	sh -c 'echo $$ >"$0/cgroup.procs" && shift && exec "$@"' "$cg" x \
		env $pre taskset -c "$CPU" "$LOOP" pair "$N"
}
for ((r = 0; r < ROUNDS; r++)); do
	for ((i = 0; i < ${#VARIANTS[@]}; i++)); do
		v=${VARIANTS[(i + r) % ${#VARIANTS[@]}]}
		one "$v" >>"$TMP/$v"
	done
done
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
