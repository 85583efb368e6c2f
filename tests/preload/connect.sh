#!/bin/sh
# connect() on a socket the library did not see created (made by
# syscall(SYS_socket)) configures it before connecting; one the program
# already turned keepalive on at keeps the program's values.
. "$KA_SRCDIR/tests/lib.sh"

kernel="keepalive=0 idle=7200 intvl=75 cnt=9 user_timeout=0"
kernel=$("$KA_PROGS/kaconnect" raw | sed -n 's/^before //p')
assert_match "kernel defaults" "^keepalive=0 " "$kernel"

out=$(preload KEEPALIVE_IDLE=30 KEEPALIVE_INTVL=5 KEEPALIVE_CNT=4 "$KA_PROGS/kaconnect" raw) ||
	fail "kaconnect raw failed"
assert_eq "raw socket" "before $kernel
after keepalive=1 idle=30 intvl=5 cnt=4 user_timeout=49000" "$out"

out=$(preload KEEPALIVE_IDLE=30 "$KA_PROGS/kaconnect" raw-on 777) || fail "kaconnect raw-on failed"
want=$(echo "$kernel" | sed 's/keepalive=0 idle=[0-9]*/keepalive=1 idle=777/')
assert_eq "raw socket with keepalive on" "before $want
after $want" "$out"
