#!/bin/sh
# KEEPALIVE=off (or 0, no, false, in any case): the library does nothing,
# not a single setsockopt, and sockets look as they do without it.
. "$KA_SRCDIR/tests/lib.sh"

plain_socket=$("$KA_PROGS/kaprobe" socket tcp4)
plain_pair=$("$KA_PROGS/kaprobe" pair)
plain_foreign=$("$KA_PROGS/kalisten" -q 2 "$KA_PROGS/kaaccept" accept 2 listener)
plain_connect=$("$KA_PROGS/kaconnect" raw)
assert_match "without the library" "^keepalive=0 " "$plain_socket"

for value in off 0 no false OFF False " no "; do
	out=$(preload KEEPALIVE="$value" "$KA_PROGS/kaprobe" socket tcp4 2>&1) || fail "kaprobe failed"
	assert_eq "KEEPALIVE='$value' socket" "$plain_socket" "$out"
	out=$(preload KEEPALIVE="$value" "$KA_PROGS/kaprobe" pair 2>&1) || fail "kaprobe pair failed"
	assert_eq "KEEPALIVE='$value' pair" "$plain_pair" "$out"
	out=$("$KA_PROGS/kalisten" -q 2 env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE="$value" \
		"$KA_PROGS/kaaccept" accept 2 listener 2>&1) || fail "kaaccept failed"
	assert_eq "KEEPALIVE='$value' foreign listener" "$plain_foreign" "$out"
	out=$(preload KEEPALIVE="$value" "$KA_PROGS/kaconnect" raw 2>&1) || fail "kaconnect failed"
	assert_eq "KEEPALIVE='$value' connect" "$plain_connect" "$out"
done

need_strace
scratch
trace="$KA_TMP/trace"
for value in off 0 no false; do
	"$KA_PROGS/kalisten" -q 2 strace -f -e trace=setsockopt,getsockopt -o "$trace" \
		env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE="$value" \
		"$KA_PROGS/kaaccept" cycle 4 own cycle 4 >/dev/null || fail "kaaccept under strace failed"
	assert_eq "KEEPALIVE=$value: calls while accepting" 0 "$(grep -c sockopt "$trace")"
	strace -f -e trace=setsockopt -o "$trace" env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE="$value" \
		"$KA_PROGS/kaconnect" raw >/dev/null || fail "kaconnect under strace failed"
	assert_eq "KEEPALIVE=$value: setsockopt at connect" 0 "$(grep -c setsockopt "$trace")"
done
