#!/bin/sh
# memcached, a server: worker threads on libevent, and SO_KEEPALIVE turned
# on at its listener, with the kernel's timers (7200 s). The library
# configured that listener at socket() already: turning SO_KEEPALIVE on
# again changes none of our timers, which its connections inherit.
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need memcached socat
prog_setup memcached

# start_memcached LABEL ENV-WORDS...
start_memcached() {
	label=$1
	shift
	prog_port
	# shellcheck disable=SC2086
	ns_bg "$NS_A" env "$@" memcached -u nobody -l "$A4" -p "$PROG_PORT" -U 0 -t 2 \
		>"$NS_TMP/$label.out" 2>&1
	ns_wait_listener "$NS_A" "$PROG_PORT"
	prog_client "$PROG_PORT"
	prog_watch "$label" "$NS_A" "$PROG_PORT"
}

prog_about memcached "$(memcached -V | sed 's/^memcached //')" server \
	"SO_KEEPALIVE on its listener, the kernel's timers (7200 s)"
# shellcheck disable=SC2086
start_memcached with $PROG_WITH
start_memcached without
# Without the library, memcached's own keepalive: the kernel's 2 hours.
prog_own_timer without '1[01][0-9]min'
prog_pull "$NS_B"
prog_noticed with
prog_blocked without "its own keepalive, the kernel's 7200 s"
prog_needs "nothing"
