#!/bin/sh
# A listener the program did not create, passed in as fd 3 by a parent that
# is not preloaded (socket activation): the library configures it at the
# first accept, configures connections that queued before that, and leaves
# keepalive set by someone else as it is.
. "$KA_SRCDIR/tests/lib.sh"

run() { # run KALISTEN-OPTIONS... -- KAACCEPT-WORDS...
	opts=""
	while [ "$1" != "--" ]; do opts="$opts $1"; shift; done
	shift
	# shellcheck disable=SC2086
	"$KA_PROGS/kalisten" $opts env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS \
		"$KA_PROGS/kaaccept" "$@" || fail "kaaccept $* failed"
}

# Kernel defaults of a listener keepalive was turned on at with idle 777.
theirs=$("$KA_PROGS/kalisten" -k 777 "$KA_PROGS/kaprobe" fd 3)
assert_match "parent's listener" "^keepalive=1 idle=777 " "$theirs"

# A burst queued before the first accept, then connections made after it.
out=$(run -q 5 -- accept 5 listener queue 3 accept 3)
assert_eq "queued burst, listener, later connections" \
	"$(lines 5 "accepted $KA_OURS"; echo "listener $KA_OURS"; lines 3 "accepted $KA_OURS")" "$out"

# The same with accept4(SOCK_NONBLOCK | SOCK_CLOEXEC).
out=$(run -q 4 -- accept4 accept 4 queue 2 accept 2 listener)
assert_eq "accept4" "$(lines 6 "accepted $KA_OURS"; echo "listener $KA_OURS")" "$out"

# Keepalive turned on at the listener by the parent after clients queued:
# the listener keeps the parent's values, the queued connections (which
# lack keepalive) get ours, later ones inherit the parent's.
out=$(run -q 3 -K 777 -- accept 3 listener queue 2 accept 2)
assert_eq "parent's listener respected" \
	"$(lines 3 "accepted $KA_OURS"; echo "listener $theirs"; lines 2 "accepted $theirs")" "$out"

# Connections that already carry keepalive are left as they are.
out=$(run -k 777 -q 3 -- accept 3 listener queue 1 accept 1)
assert_eq "connections with keepalive left alone" \
	"$(lines 3 "accepted $theirs"; echo "listener $theirs"; lines 1 "accepted $theirs")" "$out"

# Announced as systemd does (LISTEN_FDS, LISTEN_PID): the listener is
# configured before main(), the queued connections at accept().
out=$(run -s -q 3 -- listener accept 3 queue 2 accept 2)
assert_eq "socket activation" "$(echo "listener $KA_OURS"; lines 5 "accepted $KA_OURS")" "$out"
out=$(run -s -q 2 -K 777 -- listener accept 2 queue 1 accept 1)
assert_eq "socket activation, parent's listener respected" \
	"$(echo "listener $theirs"; lines 2 "accepted $KA_OURS"; echo "accepted $theirs")" "$out"
# Accept=yes: fd 3 is a connection, configured at start-up.
# shellcheck disable=SC2086
out=$("$KA_PROGS/kalisten" -s -q 1 -a env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS \
	"$KA_PROGS/kaprobe" fd 3) || fail "kaprobe fd 3 failed"
assert_eq "socket activation, Accept=yes" "$KA_OURS" "$out"

# Once a connection arrives that inherited keepalive, accept costs nothing.
need_strace
scratch
trace="$KA_TMP/trace"
"$KA_PROGS/kalisten" -q 3 strace -f -e trace=setsockopt,getsockopt,write -o "$trace" \
	env LD_PRELOAD="$KA_PRELOAD" "$KA_PROGS/kaaccept" mark start cycle 1 mark first cycle 4 \
	mark settled cycle 100 mark end >/dev/null || fail "kaaccept under strace failed"
# The first accept classifies and configures the listener and the connection;
# the 3 queued connections are checked and configured one by one, up to the
# first that arrived after the listener was configured. From there on: none.
n=$(count_calls "$trace" "mark start" "mark first")
[ "$n" -gt 0 ] || fail "no calls seen at the first accept: $n"
assert_eq "calls after settling" 0 "$(count_calls "$trace" "mark settled" "mark end")"
