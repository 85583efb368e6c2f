#!/bin/sh
# Known bug (expected to fail): connect() skips a socket made by
# syscall(SYS_socket) when its descriptor number last belonged to a socket
# made by socket() and closed since. close() is not interposed, so the
# library's per-descriptor state still says "configured at socket()".
. "$KA_SRCDIR/tests/lib.sh"

out=$(preload KEEPALIVE_IDLE=30 "$KA_PROGS/kaconnect" reused) || fail "kaconnect reused failed"
assert_match "raw socket on a reused number" "^after keepalive=1 idle=30 " "$out"
