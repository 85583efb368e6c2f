# shellcheck shell=bash disable=SC2004,SC2154 # CELL is an associative array (run.sh)
# Sourced by bench/run.sh (and bench/pid.sh): server throughput. One nginx per variant (own
# config, port and files in $TMP; master and one worker, in the foreground),
# all started at once; then wrk loads them in turn, round after round.
# The preload reaches nginx through LD_PRELOAD in its environment; ss shows
# whether the connections it accepted really have the keepalive timer on.

# Ports below the ephemeral range (32768 up), so that no client's
# connection can be holding them; one that is taken is skipped.
NGINX_PORT=$((20000 + $$ % 10000))

# next_port: moves NGINX_PORT on to the next port nothing uses.
next_port() {
	NGINX_PORT=$((NGINX_PORT + 1))
	while [ -n "$(ss -Htan "sport = :$NGINX_PORT")" ]; do
		NGINX_PORT=$((NGINX_PORT + 1))
	done
}

# With two CPUs or more, the worker runs on the first and wrk on the second,
# so that the two do not take turns on one CPU from one round to the next.
if [ "$(nproc)" -ge 2 ]; then
	NGINX_AFFINITY="worker_cpu_affinity 01;"
	WRK="taskset -c 1 wrk -t1"
else
	NGINX_AFFINITY=
	WRK="wrk -t1"
fi

nginx_conf() { # DIR PORT
	cat <<EOC
daemon off;
master_process on;
worker_processes 1;
$NGINX_AFFINITY
$([ "$(id -u)" = 0 ] && echo "user root root;")
pid $1/nginx.pid;
error_log $1/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $1/body;
	proxy_temp_path $1/proxy;
	fastcgi_temp_path $1/fastcgi;
	uwsgi_temp_path $1/uwsgi;
	scgi_temp_path $1/scgi;
	server {
		listen 127.0.0.1:$2;
		root $1/www;
	}
}
EOC
}

# Waits up to 5 s until something listens on 127.0.0.1:PORT.
wait_listen() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ -n "$(ss -Hltn "sport = :$1")" ] && return 0
		sleep 0.05
	done
	return 1
}

# wrk_rps PORT SECONDS: sets RPS, the requests/s wrk measured.
wrk_rps() {
	local out=$TMP/wrk.out
	# shellcheck disable=SC2086 # WRK is a command and its arguments
	$WRK -c64 -d"$2"s "http://127.0.0.1:$1/index.html" >"$out" 2>&1 || true
	RPS=$(awk '/^Requests\/sec:/ {print $2}' "$out")
	[ -n "$RPS" ] || { note "wrk failed: $(tail -n 2 "$out")"; return 1; }
}

# keepalive_on PORT: "k/n": of n idle connections to the server on PORT, how
# many the server side holds with the keepalive timer running. (Under load
# ss shows the retransmission timer instead, while data is unacknowledged.)
keepalive_on() {
	local n=4 i k
	for ((i = 0; i < n; i++)); do
		exec {fd}<>"/dev/tcp/127.0.0.1/$1"
		fds[i]=$fd
	done
	sleep 0.3
	k=$(ss -Htno state established "sport = :$1" | grep -c 'timer:(keepalive' || true)
	for ((i = 0; i < n; i++)); do
		fd=${fds[i]}
		exec {fd}>&-
	done
	echo "$k/$n"
}

bench_nginx() {
	local v w r dir port fd
	local -a fds
	declare -A port_of
	row rps ">= 0.99"
	row kaon "all"
	if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
		for v in "${VARIANTS[@]}"; do CELL[rps,$v]="skipped (no nginx or wrk)"; CELL[kaon,$v]=-; done
		NOTES+=("nginx skipped: nginx or wrk is missing (bench/setup installs them as root).")
		return
	fi
	for v in "${VARIANTS[@]}"; do
		dir=$TMP/nginx-$v
		next_port
		port=$NGINX_PORT
		mkdir -p "$dir/www"
		head -c 512 /dev/zero | tr '\0' x >"$dir/www/index.html"
		nginx_conf "$dir" "$port" >"$dir/nginx.conf"
		# shellcheck disable=SC2046
		env $(venv "$v" 60 10 6) nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" \
			>"$dir/stdout" 2>&1 &
		CLEANUPS+=("kill $! ; wait $!")
		port_of[$v]=$port
	done
	for v in "${VARIANTS[@]}"; do
		if ! wait_listen "${port_of[$v]}"; then
			note "nginx for $v did not start: $(tail -n 3 "$TMP/nginx-$v/error.log" 2>/dev/null)"
			for w in "${VARIANTS[@]}"; do CELL[rps,$w]="failed (nginx did not start)"; CELL[kaon,$w]=-; done
			return
		fi
	done
	for v in "${VARIANTS[@]}"; do
		CELL[kaon,$v]=$(keepalive_on "${port_of[$v]}")
		VAL[$v]=
	done
	for ((r = 0; r < WRK_ROUNDS; r++)); do
		for v in "${VARIANTS[@]}"; do
			wrk_rps "${port_of[$v]}" "$WRK_SECONDS"
			VAL[$v]+="$RPS "
		done
	done
	timing_row rps "req/s" %.0f
	awk -v r="${LAST_RATIO[ours]}" 'BEGIN {exit !(r < 0.99)}' && miss rps
	[ "${CELL[kaon,ours]%/*}" = "${CELL[kaon,ours]#*/}" ] || miss kaon
}
