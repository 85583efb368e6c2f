#!/bin/sh
# New TCP sockets get the configured values: IPv4, IPv6, and with
# SOCK_NONBLOCK | SOCK_CLOEXEC; the defaults when nothing is set.
. "$KA_SRCDIR/tests/lib.sh"

set_vars="KEEPALIVE_IDLE=30 KEEPALIVE_INTVL=5 KEEPALIVE_CNT=4 KEEPALIVE_USER_TIMEOUT=50s"
configured="keepalive=1 idle=30 intvl=5 cnt=4 user_timeout=50000"
defaults="keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=119000"

kinds="tcp4"
if "$KA_PROGS/kaprobe" socket tcp6 >/dev/null 2>&1; then
	kinds="$kinds tcp6"
else
	echo "no IPv6 here: tcp6 not checked"
fi

# shellcheck disable=SC2086 # word splitting of the variables wanted
for kind in $kinds; do
	for flag in "" nonblock; do
		out=$(preload $set_vars "$KA_PROGS/kaprobe" socket $kind $flag) ||
			fail "kaprobe socket $kind $flag failed"
		assert_eq "$kind $flag configured" "$configured" "$out"
		out=$(preload "$KA_PROGS/kaprobe" socket $kind $flag) ||
			fail "kaprobe socket $kind $flag failed"
		assert_eq "$kind $flag defaults" "$defaults" "$out"
	done
done

# Durations with units, and a derived user timeout (idle + intvl x cnt).
out=$(preload KEEPALIVE_IDLE=1m30s KEEPALIVE_INTVL=2m KEEPALIVE_CNT=3 "$KA_PROGS/kaprobe" socket tcp4)
assert_eq "durations" "keepalive=1 idle=90 intvl=120 cnt=3 user_timeout=449000" "$out"
# User timeout 0: the kernel's behaviour (no TCP_USER_TIMEOUT) is left.
out=$(preload KEEPALIVE_USER_TIMEOUT=0 "$KA_PROGS/kaprobe" socket tcp4)
assert_eq "user timeout 0" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=0" "$out"

# MPTCP: keepalive and the timers, where the kernel has MPTCP; a user timeout
# it refuses is named in the debug line, not claimed.
if "$KA_PROGS/kaprobe" socket mptcp4 >/dev/null 2>&1; then
	scratch
	err="$KA_TMP/err"
	out=$(preload KEEPALIVE_IDLE=30 KEEPALIVE_DEBUG=2 "$KA_PROGS/kaprobe" socket mptcp4 2>"$err") ||
		fail "kaprobe socket mptcp4 failed"
	line=$(grep 'configured at socket()' "$err")
	assert_match "mptcp4" "^keepalive=1 idle=30 " "$out"
	case "$out" in
	*user_timeout=-1 | *user_timeout=0) assert_match "mptcp4: refused option named" "refused by the kernel: TCP_USER_TIMEOUT" "$line" ;;
	*) assert_match "mptcp4: nothing refused" "user_timeout=[0-9]+ms$" "$line" ;;
	esac
else
	echo "mptcp4: cannot be made here, not checked"
fi
