#!/bin/sh
# errno is the program's: calls that succeed (socket, connect, accept,
# accept4, setsockopt) leave it as the program set it; calls that fail
# return and set what they would without the library.
. "$KA_SRCDIR/tests/lib.sh"

plain=$("$KA_PROGS/kaerrno") || fail "kaerrno failed without the library"
out=$(preload "$KA_PROGS/kaerrno") || fail "kaerrno failed with the library"
assert_eq "results with and without the library" "$plain" "$out"
# Force mode swallows only calls the kernel would take: a bad value still fails.
forced=$(preload KEEPALIVE_MODE=force "$KA_PROGS/kaerrno") || fail "kaerrno failed in force mode"
assert_eq "results without the library and in force mode" "$plain" "$forced"
# The cases themselves behave as intended (a broken helper would hide bugs).
for line in "socket-tcp ret=ok errno=sentinel" "connect-raw ret=ok errno=sentinel" \
	"accept-foreign ret=ok errno=sentinel" "accept4 ret=ok errno=sentinel" \
	"socket-bad-family ret=-1 errno=EAFNOSUPPORT" \
	"connect-refused ret=-1 errno=ECONNREFUSED" \
	"connect-raw-refused ret=-1 errno=ECONNREFUSED" \
	"accept-not-socket ret=-1 errno=ENOTSOCK" "accept-bad-fd ret=-1 errno=EBADF" \
	"setsockopt ret=ok errno=sentinel" "setsockopt-bad-fd ret=-1 errno=EBADF"; do
	printf '%s\n' "$out" | grep -qxF "$line" || fail "missing: $line"
done
