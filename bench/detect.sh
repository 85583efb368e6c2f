# shellcheck shell=bash disable=SC2004,SC2154 # CELL is an associative array (run.sh)
# Sourced by bench/run.sh: how long a server blocked in read() takes to learn
# that its client vanished. Three network namespaces of our own: the server
# (under the preload) and the client, each joined by a veth pair to a bridge
# in a third, the "switch". Taking the client's link down is a pulled cable:
# the server's link stays up, its packets leave and are lost, nothing comes
# back. (With the two joined directly, the server's own link would lose its
# carrier too and neighbour resolution would add its own delays.)
# Timers: idle 1 s, interval 1 s, 2 probes, so the bound is 1 + 1 * 2 = 3 s
# after the last exchange, or after the unacknowledged write with data in
# flight, or after connect() began; ours derives its user timeout (2.25 s).
# States: idle, inflight (one byte), bulk (256 KiB), the same two at 50 ms
# RTT (a delay line in the switch, tests/netns/delay.py), connect (to a host
# that is gone) and reset (the peer came back without the connection).

DET_BOUND_MS=3000
DET_LIMIT_S=10 # runs still blocked after this are reported as such
DET_NS_S=kabench-s-$$
DET_NS_C=kabench-c-$$
DET_NS_M=kabench-m-$$
DET_IF_S=kabs$$
DET_IF_C=kabc$$
DET_PORT=$((40000 + $$ % 10000))

det_setup() {
	CLEANUPS+=("ip netns del $DET_NS_S" "ip netns del $DET_NS_C" "ip netns del $DET_NS_M")
	ip netns add "$DET_NS_S" && ip netns add "$DET_NS_C" && ip netns add "$DET_NS_M" &&
		ip -n "$DET_NS_M" link add br0 type bridge &&
		ip link add "$DET_IF_S" netns "$DET_NS_S" type veth peer name s netns "$DET_NS_M" &&
		ip link add "$DET_IF_C" netns "$DET_NS_C" type veth peer name c netns "$DET_NS_M" &&
		ip -n "$DET_NS_M" link set s master br0 && ip -n "$DET_NS_M" link set c master br0 &&
		ip -n "$DET_NS_M" link set br0 up && ip -n "$DET_NS_M" link set s up &&
		ip -n "$DET_NS_M" link set c up &&
		ip -n "$DET_NS_S" addr add 10.231.0.1/24 dev "$DET_IF_S" &&
		ip -n "$DET_NS_C" addr add 10.231.0.2/24 dev "$DET_IF_C" &&
		ip -n "$DET_NS_S" link set "$DET_IF_S" up &&
		ip -n "$DET_NS_C" link set "$DET_IF_C" up
}

# det_batch SPEC...: SPEC is VARIANT:MODE (MODE idle, inflight, bulk or
# reset; reset runs alone: the client forgets the connection while its link
# is down, and the link comes back before the server goes on). Starts one
# server and client per SPEC, takes the client's link down once for all,
# and sets DET[SPEC] to the server's report as one word ("error:ETIMEDOUT:3004",
# "blocked:10000"...) and DET_GAP[SPEC] to the ms from the last exchange to
# the link being down.
declare -A DET DET_GAP
det_batch() {
	local spec v mode port i t env fd
	local -a spids cpids fds words specs=("$@")
	for ((i = 0; i < ${#specs[@]}; i++)); do
		spec=${specs[i]} v=${spec%:*} mode=${spec#*:}
		port=$((DET_PORT++))
		env=$(venv "$v" 1 1 2) # ours derives its user timeout
		[ "$mode" != reset ] || mode=idle
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
	if [ "${specs[0]#*:}" = reset ]; then
		ip netns exec "$DET_NS_C" ss -K dst 10.231.0.1 >/dev/null 2>&1
		ip -n "$DET_NS_C" link set "$DET_IF_C" up
	fi
	for ((i = 0; i < ${#specs[@]}; i++)); do
		fd=${fds[i]}
		echo go >&"$fd"
		exec {fd}>&-
	done
	for ((i = 0; i < ${#specs[@]}; i++)); do
		wait "${spids[i]}" || true
		kill "${cpids[i]}" 2>/dev/null || true
		wait "${cpids[i]}" 2>/dev/null || true
		read -r -a words <<<"$(grep -v ready "$TMP/det.$i" || echo "no-report 0 gap 0")"
		DET[${specs[i]}]=$(IFS=:; echo "${words[*]:0:${#words[@]}-2}")
		DET_GAP[${specs[i]}]=${words[-1]}
	done
	ip -n "$DET_NS_C" link set "$DET_IF_C" up
}

# det_cell RUNS: the cell for a list of reports (words like
# "error:ETIMEDOUT:3004", "blocked:10000"): "median / max ms (ratios to the
# bound), errno" when every run failed with an error, otherwise what happened.
# Sets DET_MEDIAN_RATIO and DET_MAX_RATIO (empty when not every run failed).
det_cell() {
	local runs ms n m hi
	runs=$(tr -s ' ' '\n' <<<"$1" | grep .)
	n=$(wc -l <<<"$runs")
	DET_MEDIAN_RATIO= DET_MAX_RATIO=
	if grep -vq '^error:' <<<"$runs"; then
		# shellcheck disable=SC2001
		sed 's/:[0-9]*$//' <<<"$runs" | sort | uniq -c |
			awk -v lim=$DET_LIMIT_S -v n="$n" '{s = s (NR > 1 ? ", " : "") \
				($2 == "blocked" ? "still blocked after " lim " s" : $2) \
				" (" $1 " of " n " run" (n > 1 ? "s" : "") ")"} END {printf "%s", s}'
		return
	fi
	ms=$(cut -d: -f3 <<<"$runs" | tr '\n' ' ')
	read -r m _ hi <<<"$(stats "$ms")"
	DET_MEDIAN_RATIO=$(awk -v x="$m" -v b=$DET_BOUND_MS 'BEGIN {printf "%.3f", x / b}')
	DET_MAX_RATIO=$(awk -v x="$hi" -v b=$DET_BOUND_MS 'BEGIN {printf "%.3f", x / b}')
	printf '%.0f / %.0f ms (%s / %s), %s' "$m" "$hi" "$DET_MEDIAN_RATIO" "$DET_MAX_RATIO" \
		"$(cut -d: -f2 <<<"$runs" | sort -u | tr '\n' ' ' | sed 's/ $//')"
}

declare -A DET_RUNS

# det_connect VARIANT...: each variant connect()s at once to the server's
# address with the server's link down (the client keeps its neighbour entry,
# so the SYNs leave and are lost); adds the reports to DET_RUNS[VARIANT:connect].
det_connect() {
	local v i mac
	local -a pids
	mac=$(ip -n "$DET_NS_S" link show "$DET_IF_S" | sed -n 's/.*link\/ether \([^ ]*\).*/\1/p')
	ip -n "$DET_NS_C" neigh replace 10.231.0.1 lladdr "$mac" dev "$DET_IF_C" nud permanent
	ip -n "$DET_NS_S" link set "$DET_IF_S" down
	i=0
	for v in "$@"; do
		# shellcheck disable=SC2046
		ip netns exec "$DET_NS_C" env $(venv "$v" 1 1 2) "$P/deadpeer" dial 10.231.0.1 \
			$((DET_PORT++)) "$DET_LIMIT_S" >"$TMP/dial.$i" &
		pids[i++]=$!
	done
	i=0
	for v in "$@"; do
		wait "${pids[i]}" || true
		DET_RUNS[$v:connect]+=" $(grep . "$TMP/dial.$i" | awk '{print $1 ":" $2 ($3 == "gap" ? "" : ":" $3)}')"
		i=$((i + 1))
	done
	ip -n "$DET_NS_S" link set "$DET_IF_S" up
	ip -n "$DET_NS_C" neigh del 10.231.0.1 dev "$DET_IF_C" 2>/dev/null || true
}

# det_delay RTT_MS | det_delay 0: the switch as a delay line, or a bridge again.
DET_DELAY_PID=
det_delay() {
	local rtt=$1 ns dev
	if [ "$rtt" = 0 ]; then
		kill "$DET_DELAY_PID" 2>/dev/null
		wait "$DET_DELAY_PID" 2>/dev/null || true
		ip -n "$DET_NS_M" link set s master br0 && ip -n "$DET_NS_M" link set c master br0
		return
	fi
	command -v ethtool >/dev/null || return 1
	ip -n "$DET_NS_M" link set s nomaster && ip -n "$DET_NS_M" link set c nomaster || return 1
	while read -r ns dev; do
		ip netns exec "$ns" ethtool -K "$dev" tx off rx off tso off gso off gro off \
			>/dev/null 2>&1 || return 1
	done <<EOF
$DET_NS_S $DET_IF_S
$DET_NS_C $DET_IF_C
$DET_NS_M s
$DET_NS_M c
EOF
	ip netns exec "$DET_NS_M" python3 "$KA_DELAY" s c "$rtt" &
	DET_DELAY_PID=$!
	CLEANUPS+=("kill $DET_DELAY_PID")
	sleep 1
}

DET_STATES=(detect:idle inflight:inflight bulk:bulk inflight50:inflight50 bulk50:bulk50 connect:connect reset:reset)

bench_detect() {
	local r v s t row mode
	# Idle: the user timeout must not move detection to another probe, so
	# ours is compared with the shims that set none. The kernel's timer wheel
	# puts all of them a little past the bound and spreads their runs over
	# tens of milliseconds (HZ=250: each 1 s timer fires up to 32 ms late);
	# another probe would be intvl (1 s) away.
	row detect "median <= the slowest run of the probes alone (0.3, libdontdie)"
	row inflight "median <= 1.00"
	row bulk "median <= 1.00"
	row inflight50 "median <= 1.00"
	row bulk50 "median <= 1.00"
	row connect "-"
	row reset "-"
	if [ "$(id -u)" != 0 ] || ! command -v ip >/dev/null || ! det_setup 2>"$TMP/netns.err"; then
		NOTES+=("Detection skipped: it needs root and network namespaces. $(head -n 1 "$TMP/netns.err" 2>/dev/null || true)")
		note "${NOTES[-1]}"
		for v in "${VARIANTS[@]}"; do
			for s in "${DET_STATES[@]}"; do CELL[${s%:*},$v]="skipped (needs root)"; done
		done
		return
	fi
	# Runs that never end on their own (nothing sets a timer) run once,
	# together, on one link failure; the others in interleaved rounds.
	note "  runs expected to stay blocked: ${DET_LIMIT_S} s, twice"
	det_batch bare:idle bare:inflight ka03:inflight dd:inflight bare:bulk ka03:bulk dd:bulk
	for s in bare:idle bare:inflight ka03:inflight dd:inflight bare:bulk ka03:bulk dd:bulk; do
		DET_RUNS[$s]=${DET[$s]}
	done
	det_connect bare ka03 dd
	for ((r = 0; r < DETECT_ROUNDS; r++)); do
		note "  round $((r + 1))/$DETECT_ROUNDS (about 30 s)"
		for s in ours:idle ka03:idle dd:idle ours:inflight ours:bulk ours:reset ka03:reset dd:reset; do
			# The link must be down before the first probe (idle 1 s) could
			# be answered; a run where the machine was too slow is repeated.
			for t in 1 2 3; do
				det_batch "$s"
				[ "${DET_GAP[$s]}" -lt 800 ] && break
				note "  $s: link down ${DET_GAP[$s]} ms after the last exchange: repeated"
			done
			DET_RUNS[$s]+=" ${DET[$s]}"
		done
		det_connect ours
	done
	if det_delay 50; then
		for ((r = 0; r < DETECT_ROUNDS; r++)); do
			note "  50 ms RTT: round $((r + 1))/$DETECT_ROUNDS"
			for mode in inflight bulk; do
				det_batch "ours:$mode"
				DET_RUNS[ours:${mode}50]+=" ${DET[ours:$mode]}"
			done
		done
		det_delay 0
	else
		NOTES+=("50 ms RTT skipped: no ethtool to set up the delay line.")
	fi
	local -A idle_ratio=() idle_max=()
	for v in "${VARIANTS[@]}"; do
		for s in "${DET_STATES[@]}"; do
			row=${s%:*} mode=${s#*:}
			if [ -z "${DET_RUNS[$v:$mode]:-}" ]; then
				CELL[$row,$v]="-"
				continue
			fi
			det_cell "${DET_RUNS[$v:$mode]}" >"$TMP/cell"
			CELL[$row,$v]=$(cat "$TMP/cell")
			[ "$row" != detect ] || idle_ratio[$v]=$DET_MEDIAN_RATIO idle_max[$v]=$DET_MAX_RATIO
			[ "$v" = ours ] || continue
			case $row in
			detect | connect | reset) continue ;;
			*) limit=1.00 ;;
			esac
			# shellcheck disable=SC2015
			[ -n "$DET_MEDIAN_RATIO" ] &&
				awk -v r="$DET_MEDIAN_RATIO" -v l="$limit" 'BEGIN {exit !(r <= l)}' || miss "$row"
		done
	done
	# shellcheck disable=SC2015
	[ -n "${idle_ratio[ours]:-}" ] && [ -n "${idle_max[ka03]:-}${idle_max[dd]:-}" ] &&
		awk -v r="${idle_ratio[ours]}" -v a="${idle_max[ka03]:-0}" -v b="${idle_max[dd]:-0}" \
			'BEGIN {exit !(r <= (a > b ? a : b))}' || miss detect
}
