#!/bin/sh
# The library keeps a state per descriptor number; close(), dup2() and dup3()
# keep it true, so a socket that reaches a number last used by a socket()
# socket, by a path the library does not see create, is still configured:
#  - a socket made by syscall(SYS_socket), then connect();
#  - a listener moved there by dup2() (or received over SCM_RIGHTS), then
#    accept(): its connections get keepalive.
. "$KA_SRCDIR/tests/lib.sh"

raw=$(preload KEEPALIVE_IDLE=30 "$KA_PROGS/kaconnect" reused) || fail "kaconnect reused failed"
moved=$("$KA_PROGS/kalisten" -q 1 env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE_IDLE=30 \
	"$KA_PROGS/kaaccept" moved accept 1 queue 1 accept 1) || fail "kaaccept moved failed"
printf 'raw socket, reused number:\n%s\nlistener moved by dup2:\n%s\n' "$raw" "$moved"
assert_match "raw socket on a reused number" "^after keepalive=1 idle=30 " "$raw"
assert_eq "listener moved to a reused number" 2 "$(echo "$moved" | grep -c '^accepted keepalive=1 idle=30 ')"
