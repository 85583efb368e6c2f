#!/bin/sh
# connect() on a socket the library did not see created (made by
# syscall(SYS_socket)) configures it before connecting; one the program
# already turned keepalive on at keeps the program's values.
. "$KA_SRCDIR/tests/lib.sh"

# Without the library: the kernel's defaults, from its sysctls (7200, 75, 9
# unless changed), no user timeout.
kernel_default() { cat "/proc/sys/net/ipv4/tcp_keepalive_$1"; }
kernel="keepalive=0 idle=$(kernel_default time) intvl=$(kernel_default intvl) cnt=$(kernel_default probes) user_timeout=0"
assert_eq "kernel defaults" "$kernel" "$("$KA_PROGS/kaconnect" raw | sed -n 's/^before //p')"

# shellcheck disable=SC2086
out=$(preload $KA_TIMERS "$KA_PROGS/kaconnect" raw) ||
	fail "kaconnect raw failed"
assert_eq "raw socket" "before $kernel
after $KA_OURS" "$out"

out=$(preload KEEPALIVE_IDLE=30 "$KA_PROGS/kaconnect" raw-on 777) || fail "kaconnect raw-on failed"
want=$(echo "$kernel" | sed 's/keepalive=0 idle=[0-9]*/keepalive=1 idle=777/')
assert_eq "raw socket with keepalive on" "before $want
after $want" "$out"
