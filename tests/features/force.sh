#!/bin/sh
# KEEPALIVE_MODE=force: a program that turns keepalive off or sets its own
# timers after socket() ends up with ours; those setsockopt() calls return 0
# with errno untouched (one debug line each with KEEPALIVE_DEBUG=2), every
# other call keeps its result and errno. The same on an accepted connection
# and on a socket made by a raw system call. KEEPALIVE_MODE=respect (and the
# default) leaves the program's choices, exactly as without the library; a
# listener that already has keepalive is configured at its first accept in
# force mode only.
. "$KA_SRCDIR/tests/lib.sh"

theirs="keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=1234"
scratch
err="$KA_TMP/err"

for how in socket accepted raw; do
	plain=$("$KA_PROGS/kaforce" "$how") || fail "kaforce $how failed without the library"
	calls=$(printf '%s\n' "$plain" | grep -v '^final ')
	assert_eq "$how without the library" "final $theirs" "$(printf '%s\n' "$plain" | grep '^final ')"
	assert_match "$how: a failing call" "^TCP_NODELAY/short ret=-1 errno=EINVAL$" "$calls"

	# shellcheck disable=SC2086
	out=$(preload $KA_TIMERS KEEPALIVE_MODE=force KEEPALIVE_DEBUG=2 "$KA_PROGS/kaforce" "$how" 2>"$err") ||
		fail "kaforce $how failed in force mode"
	assert_eq "$how in force mode: same results, our options" "$calls
final $KA_OURS" "$out"
	assert_eq "$how: overrides logged" 5 "$(grep -c 'overridden by KEEPALIVE_MODE=force' "$err")"
	for opt in "SO_KEEPALIVE, 0" "TCP_KEEPIDLE, 7200" "TCP_KEEPINTVL, 75" "TCP_KEEPCNT, 9" \
		"TCP_USER_TIMEOUT, 1234"; do
		grep -q "setsockopt($opt) overridden" "$err" || fail "$how: no line for $opt: $(cat "$err")"
	done

	for mode in KEEPALIVE_MODE=respect KEEPALIVE_MODE=RESPECT ""; do
		# shellcheck disable=SC2086
		out=$(preload $KA_TIMERS $mode "$KA_PROGS/kaforce" "$how") || fail "kaforce $how failed ($mode)"
		# A raw socket included: connect() leaves the options the
		# program set itself before it.
		assert_eq "$how with '$mode': as without the library" "$plain" "$out"
	done
done

# Without debugging, force mode writes nothing.
# shellcheck disable=SC2086
preload $KA_TIMERS KEEPALIVE_MODE=force "$KA_PROGS/kaforce" socket >/dev/null 2>"$err" ||
	fail "kaforce socket failed"
[ ! -s "$err" ] || fail "force mode wrote to stderr: $(cat "$err")"

# A listener handed over with keepalive on (idle 777) after clients queued:
# respected in respect mode, configured at the first accept in force mode.
run_listener() { # run_listener MODE
	# shellcheck disable=SC2086
	"$KA_PROGS/kalisten" -q 2 -K 777 env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS KEEPALIVE_MODE="$1" \
		"$KA_PROGS/kaaccept" accept 2 listener queue 1 accept 1 || fail "kaaccept ($1) failed"
}
theirs777=$("$KA_PROGS/kalisten" -k 777 "$KA_PROGS/kaprobe" fd 3)
assert_eq "respect: the listener's keepalive stands" "accepted $KA_OURS
accepted $KA_OURS
listener $theirs777
accepted $theirs777" "$(run_listener respect)"
assert_eq "force: the listener configured at its first accept" "accepted $KA_OURS
accepted $KA_OURS
listener $KA_OURS
accepted $KA_OURS" "$(run_listener force)"

# Keepalive on (idle 777) before the clients queued: they inherited it, and
# in force mode they get ours at accept, as do later ones.
# shellcheck disable=SC2086
out=$("$KA_PROGS/kalisten" -k 777 -q 2 env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS KEEPALIVE_MODE=force \
	"$KA_PROGS/kaaccept" accept 2 listener queue 1 accept 1) || fail "kaaccept failed"
assert_eq "force: connections queued with someone else's keepalive" "accepted $KA_OURS
accepted $KA_OURS
listener $KA_OURS
accepted $KA_OURS" "$out"

# A socket made by a raw system call that the program turned keepalive on
# at (idle 777) before connect(): ours in force mode.
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_MODE=force "$KA_PROGS/kaconnect" raw-on 777) || fail "kaconnect failed"
assert_eq "raw socket with keepalive on, force" "before $KA_OURS
after $KA_OURS" "$out"
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_MODE=respect "$KA_PROGS/kaconnect" raw-on 777) || fail "kaconnect failed"
assert_match "raw socket with keepalive on, respect" "^after keepalive=1 idle=777 " "$out"

# A UNIX socket pair on the number of a TCP socket the program closed: its
# calls are not ours to drop (TCP options fail there as without us).
plain=$("$KA_PROGS/kaforce" unix) || fail "kaforce unix failed without the library"
assert_match "unix without the library" "^unix TCP_KEEPIDLE=7200 ret=-1 errno=EOPNOTSUPP$" "$plain"
# shellcheck disable=SC2086
out=$(preload $KA_TIMERS KEEPALIVE_MODE=force "$KA_PROGS/kaforce" unix 2>"$err") || fail "kaforce unix failed"
assert_eq "unix socket on a reused number, force" "$plain" "$out"

# Force mode: a setsockopt on a passed-in listener before its first accept
# configures it there; a connection queued before that still gets ours.
# shellcheck disable=SC2086
out=$("$KA_PROGS/kalisten" -q 1 env LD_PRELOAD="$KA_PRELOAD" $KA_TIMERS KEEPALIVE_MODE=force \
	"$KA_PROGS/kaaccept" idle 7200 accept 1 listener) || fail "kaaccept (force, idle first) failed"
assert_eq "force: listener touched before the first accept" "accepted $KA_OURS
listener $KA_OURS" "$out"
