#!/bin/sh
# With a scope filter (KEEPALIVE_ROLE or KEEPALIVE_PORTS), a socket is
# configured at connect() or at its first accept() instead of at socket();
# the program's own setsockopt calls made in between (SO_KEEPALIVE 0,
# TCP_KEEPIDLE 45) still stand in respect mode, as they do without a filter
# (tests/preload/program-wins.sh).
. "$KA_SRCDIR/tests/lib.sh"

# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_ROLE=client "$KA_PROGS/kaconnect" own-off) || fail "kaconnect failed"
assert_match "client turned off, role client" "^after keepalive=0 idle=45 " "$out"
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_ROLE=server "$KA_PROGS/kaaccept" own off queue 1 accept 1 listener) ||
	fail "kaaccept failed"
assert_match "listener turned off, role server" "^listener keepalive=0 " "$out"

# A client that turns keepalive on itself (as database client libraries do)
# gets our timers with a filter as it does without one, not the kernel's.
for filter in "" KEEPALIVE_ROLE=client; do
	# shellcheck disable=SC2086
	out=$(preload $KA_TIMERS $filter "$KA_PROGS/kaconnect" own-on) || fail "kaconnect own-on failed"
	assert_match "client turned on ($filter)" \
		"^after $KA_OURS\$" "$out"
done

# A listener with the program's own idle, held back by a filter: the
# connection queued on it keeps that idle (it was cloned with it).
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_ROLE=server "$KA_PROGS/kaaccept" own idle 45 queue 1 accept 1 listener) ||
	fail "kaaccept idle failed"
assert_eq "listener idle 45, role server" "accepted keepalive=1 idle=45 intvl=5 cnt=4 user_timeout=49000
listener keepalive=1 idle=45 intvl=5 cnt=4 user_timeout=49000" "$out"
