#!/bin/sh
# nginx, a server: the master makes the listener, two worker processes
# accept with accept4() under epoll; no keepalive of its own unless a listen
# directive says so_keepalive. A client that sent half a request (nginx
# waits client_header_timeout, 60 s) loses its cable: the worker with the
# library closes the connection within the bound, the one without does not.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need nginx socat
prog_setup nginx

# start_nginx PORT ENV-WORDS...: nginx in the foreground with a private
# prefix, and a client that sent half a request.
start_nginx() {
	port=$1
	shift
	dir="$NS_TMP/nginx-$port"
	mkdir -p "$dir/logs"
	cat >"$dir/nginx.conf" <<CONF
daemon off;
master_process on;
worker_processes 2;
pid $dir/nginx.pid;
error_log $dir/logs/error.log;
events { worker_connections 64; }
http {
	access_log off;
	client_body_temp_path $dir/body;
	proxy_temp_path $dir/proxy;
	fastcgi_temp_path $dir/fastcgi;
	uwsgi_temp_path $dir/uwsgi;
	scgi_temp_path $dir/scgi;
	server { listen $A4:$port; location / { return 200 "ok\n"; } }
}
CONF
	# shellcheck disable=SC2086
	ns_bg "$NS_A" env "$@" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" \
		2>"$dir/stderr"
	ns_wait_listener "$NS_A" "$port"
	prog_client "$port" 'GET / HTTP/1.1\r\nHost: test\r\n'
}

prog_about nginx "$(nginx -v 2>&1 | sed 's,.*/,,')" server "none (so_keepalive off by default)"
# shellcheck disable=SC2086
prog_port; start_nginx "$PROG_PORT" $PROG_WITH; prog_watch with "$NS_A" "$PROG_PORT"
prog_port; start_nginx "$PROG_PORT"; prog_watch without "$NS_A" "$PROG_PORT"
prog_pull "$NS_B"
prog_noticed with
prog_blocked without
prog_needs "nothing"
