#!/bin/sh
# A bad value in any variable: the program runs and succeeds, stderr gets
# exactly one line naming the variable and the value, and the default
# applies. A user timeout other than idle + intvl x cnt gets its one warning
# and is applied. When
# stderr is a socket (inetd), nothing at all is written to it.
. "$KA_SRCDIR/tests/lib.sh"

defaults="keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=119000"
scratch
err="$KA_TMP/err"

# expect VAR=VALUE OPTIONS LINES: runs kaprobe with that one variable set.
expect() {
	out=$(env LD_PRELOAD="$KA_PRELOAD" "$1" "$KA_PROGS/kaprobe" socket tcp4 2>"$err") ||
		fail "$1: kaprobe failed: $(cat "$err")"
	assert_eq "$1: options" "$2" "$out"
	assert_eq "$1: lines on stderr" "$3" "$(wc -l <"$err")"
}

bad() { # bad VAR VALUE...
	var=$1
	shift
	for value in "$@"; do
		expect "$var=$value" "$defaults" 1
		grep -qF "$var='$value'" "$err" || fail "$var=$value: not named: $(cat "$err")"
		grep -Eq "^${KA_FROM}.*using the default" "$err" ||
			fail "$var=$value: default not named: $(cat "$err")"
	done
}

common="abc 10x 1e9999 -5 +5 0x10 99999999999999999999 32768"
# shellcheck disable=SC2086
{
	bad KEEPALIVE $common 2 maybe 0n
	bad KEEPALIVE_IDLE $common 0 1500ms 0.5 1s1m 10h
	bad KEEPALIVE_INTVL $common 0 1500ms 1m1m
	bad KEEPALIVE_CNT $common 0 128 5s
	bad KEEPALIVE_USER_TIMEOUT abc 10x 1e9999 -5 99999999999999999999 2147483648ms 1.5s 25000h
	bad KEEPALIVE_DEBUG $common 3
	bad KEEPALIVE_MODE abc 1 forced
	bad KEEPALIVE_ROLE abc both 1
	bad KEEPALIVE_PORTS abc 0 65536 10x -5
	bad KEEPALIVE_INHERIT abc 2
	bad KEEPALIVE_DETECT abc 0 -5 1e9999 1500ms
	# The older shims' names, each named as given.
	bad KEEPIDLE abc
	bad KEEPINTVL 0
	bad KEEPCNT 128
	bad DD_TCP_KEEPALIVE_TIME 10x
	bad DD_USE_KEEPALIVE maybe
	bad DD_DEBUG 5
}

# Good and empty values: no message.
expect "KEEPALIVE_IDLE= 60 " "$defaults" 0
expect "KEEPALIVE_IDLE=" "$defaults" 0
expect "KEEPALIVE_USER_TIMEOUT=2m" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=120000" 0
expect "KEEPALIVE_USER_TIMEOUT=110001ms" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=110001" 0

# A user timeout not longer than idle + intvl x (cnt - 1): one warning, applied.
expect "KEEPALIVE_USER_TIMEOUT=30s" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=30000" 1
grep -q "KEEPALIVE_USER_TIMEOUT='30s' is not longer" "$err" || fail "short user timeout: $(cat "$err")"
# Longer: one warning too (an idle dead peer is noticed later), applied.
expect "KEEPALIVE_USER_TIMEOUT=10m" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=600000" 1
grep -q "KEEPALIVE_USER_TIMEOUT='10m' is longer" "$err" || fail "long user timeout: $(cat "$err")"

# Several bad variables: one line each, the rest still applied.
out=$(env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE_IDLE=abc KEEPALIVE_INTVL=5 KEEPALIVE_CNT=0 \
	KEEPALIVE_DEBUG=x "$KA_PROGS/kaprobe" socket tcp4 2>"$err") || fail "kaprobe failed"
assert_eq "several: options" "keepalive=1 idle=60 intvl=5 cnt=6 user_timeout=89000" "$out"
assert_eq "several: lines" 3 "$(wc -l <"$err")"

# stderr a socket: nothing written to fd 2 (the helper does see writes).
out=$("$KA_PROGS/kasockerr" sh -c 'echo x >&2')
assert_eq "helper sees writes to fd 2" "fd2 bytes=2" "$out"
out=$("$KA_PROGS/kasockerr" env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE_IDLE=abc KEEPALIVE_CNT=0 \
	KEEPALIVE_USER_TIMEOUT=1s KEEPALIVE_DEBUG=2 "$KA_PROGS/kaprobe" pair) ||
	fail "kaprobe with a socket as stderr failed"
assert_eq "stderr a socket" "fd2 bytes=0" "$(echo "$out" | tail -n 1)"
assert_match "stderr a socket: defaults applied" "^client keepalive=1 idle=60 intvl=10 cnt=6 " "$out"
