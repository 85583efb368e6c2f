# Sourced by bench/run.sh: how long a server blocked in read() takes to learn
# that its client vanished. Two network namespaces of our own joined by a
# veth pair; the server (under the preload) in one, the client in the other,
# whose end of the link is taken down ("cable pulled"): the server's packets
# leave and are lost, nothing comes back. Timers: idle 1 s, interval 1 s,
# 2 probes, so the bound is 1 + 1 * 2 = 3 s after the last exchange.

DET_BOUND_MS=3000
DET_LIMIT_S=10 # runs still blocked after this are reported as such
DET_NS_S=kabench-s-$$
DET_NS_C=kabench-c-$$
DET_IF_S=kabs$$
DET_IF_C=kabc$$
DET_PORT=$((40000 + $$ % 10000))

det_setup() {
	CLEANUPS+=("ip netns del $DET_NS_S" "ip netns del $DET_NS_C")
	ip netns add "$DET_NS_S" && ip netns add "$DET_NS_C" &&
		ip link add "$DET_IF_S" netns "$DET_NS_S" type veth peer name "$DET_IF_C" netns "$DET_NS_C" &&
		ip -n "$DET_NS_S" addr add 10.231.0.1/24 dev "$DET_IF_S" &&
		ip -n "$DET_NS_C" addr add 10.231.0.2/24 dev "$DET_IF_C" &&
		ip -n "$DET_NS_S" link set "$DET_IF_S" up &&
		ip -n "$DET_NS_C" link set "$DET_IF_C" up
}

# det_batch SPEC...: SPEC is VARIANT:MODE (MODE idle or inflight). Starts one
# server and client per SPEC, takes the client's link down once for all,
# and sets DET[SPEC] to the server's report ("error ETIMEDOUT 3004",
# "blocked 10000"...).
declare -A DET
det_batch() {
	local spec v mode port i t env
	local -a spids cpids fds specs=("$@")
	for ((i = 0; i < ${#specs[@]}; i++)); do
		spec=${specs[i]} v=${spec%:*} mode=${spec#*:}
		port=$((DET_PORT++))
		env=$(venv "$v" 1 1 2)
		[ "$v" = ours ] && [ "$mode" = inflight ] && env="$env KEEPALIVE_USER_TIMEOUT=3s"
		rm -f "$TMP/det.$i" "$TMP/go.$i"
		mkfifo "$TMP/go.$i"
		# shellcheck disable=SC2086
		ip netns exec "$DET_NS_S" env $env "$P/deadpeer" serve "$port" "$mode" "$DET_LIMIT_S" \
			<"$TMP/go.$i" >"$TMP/det.$i" &
		spids[i]=$!
		exec {fd}>"$TMP/go.$i"
		fds[i]=$fd
		for ((t = 0; t < 100; t++)); do
			[ -n "$(ip netns exec "$DET_NS_S" ss -Hltn "sport = :$port")" ] && break
			sleep 0.05
		done
		ip netns exec "$DET_NS_C" "$P/deadpeer" connect 10.231.0.1 "$port" &
		cpids[i]=$!
		for ((t = 0; t < 100; t++)); do
			grep -q ready "$TMP/det.$i" && break
			sleep 0.02
		done
	done
	ip -n "$DET_NS_C" link set "$DET_IF_C" down
	for ((i = 0; i < ${#specs[@]}; i++)); do
		fd=${fds[i]}
		echo go >&"$fd"
		exec {fd}>&-
	done
	for ((i = 0; i < ${#specs[@]}; i++)); do
		wait "${spids[i]}" || true
		kill "${cpids[i]}" 2>/dev/null || true
		wait "${cpids[i]}" 2>/dev/null || true
		DET[${specs[i]}]=$(grep -v ready "$TMP/det.$i" || echo "no report")
	done
	ip -n "$DET_NS_C" link set "$DET_IF_C" up
}

# det_cell RUNS: the cell for a list of reports (words like
# "error:ETIMEDOUT:3004", "blocked:10000"): "median / max ms (ratios to the
# bound), errno" when every run failed with an error, otherwise what happened.
# Sets DET_MEDIAN_RATIO (empty when not every run failed).
det_cell() {
	local runs=$1 ms n m hi
	n=$(printf '%s\n' $runs | wc -l)
	DET_MEDIAN_RATIO=
	if printf '%s\n' $runs | grep -vq '^error:'; then
		printf '%s\n' $runs | sed 's/:[0-9]*$//' | sort | uniq -c |
			awk -v lim=$DET_LIMIT_S -v n="$n" '{s = s (NR > 1 ? ", " : "") \
				($2 == "blocked" ? "still blocked after " lim " s" : $2) \
				" (" $1 " of " n " run" (n > 1 ? "s" : "") ")"} END {printf "%s", s}'
		return
	fi
	ms=$(printf '%s\n' $runs | cut -d: -f3)
	read -r m _ hi <<<"$(stats $ms)"
	DET_MEDIAN_RATIO=$(awk -v x="$m" -v b=$DET_BOUND_MS 'BEGIN {printf "%.3f", x / b}')
	printf '%.0f / %.0f ms (%s / %.3f), %s' "$m" "$hi" "$DET_MEDIAN_RATIO" \
		"$(awk -v x="$hi" -v b=$DET_BOUND_MS 'BEGIN {print x / b}')" \
		"$(printf '%s\n' $runs | cut -d: -f2 | sort -u | tr '\n' ' ' | sed 's/ $//')"
}

declare -A DET_RUNS

bench_detect() {
	local r v s
	row detect "median <= 1.02"
	row inflight "median <= 1.02"
	if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! det_setup 2>"$TMP/netns.err"; then
		note "detection skipped: needs root and network namespaces $(head -n 1 "$TMP/netns.err" 2>/dev/null)"
		for v in "${VARIANTS[@]}"; do CELL[detect,$v]="skipped (needs root)"; CELL[inflight,$v]=${CELL[detect,$v]}; done
		return
	fi
	# Runs that never end on their own (nothing sets a timer) run once,
	# together, on one link failure; the others in interleaved rounds.
	note "  runs expected to stay blocked: ${DET_LIMIT_S} s"
	det_batch bare:idle bare:inflight ka03:inflight dd:inflight
	for s in bare:idle bare:inflight ka03:inflight dd:inflight; do
		DET_RUNS[$s]=$(echo "${DET[$s]}" | tr ' ' ':')
	done
	for ((r = 0; r < DETECT_ROUNDS; r++)); do
		note "  round $((r + 1))/$DETECT_ROUNDS (about 12 s)"
		for s in ours:idle ka03:idle dd:idle ours:inflight; do
			det_batch "$s"
			DET_RUNS[$s]+=" $(echo "${DET[$s]}" | tr ' ' ':')"
		done
	done
	for v in "${VARIANTS[@]}"; do
		for s in detect:idle inflight:inflight; do
			det_cell "${DET_RUNS[$v:${s#*:}]}" >"$TMP/cell"
			CELL[${s%:*},$v]=$(cat "$TMP/cell")
			[ "$v" = ours ] || continue
			# shellcheck disable=SC2015
			[ -n "$DET_MEDIAN_RATIO" ] &&
				awk -v r="$DET_MEDIAN_RATIO" 'BEGIN {exit !(r <= 1.02)}' || miss "${s%:*}"
		done
	done
}
