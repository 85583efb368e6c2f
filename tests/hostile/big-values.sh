#!/bin/sh
# Huge values: the program runs as usual, one warning names the variable and
# shows the start of the value, the default stands. execve() takes at most
# 128 KiB per environment string (MAX_ARG_STRLEN), so values of that size go
# through the preload, and 1 MiB values go through the parser directly (the
# fuzz target's checks, tests/fuzz/replay).
. "$KA_SRCDIR/tests/lib.sh"

scratch
tmp=$KA_TMP

# bytes N CHAR: N copies of CHAR
bytes() {
	head -c "$1" /dev/zero | tr '\0' "$2"
}

# The largest value one environment string can hold: 131072 bytes with
# "KEEPALIVE_IDLE=" and the terminating NUL.
for char in 9 x; do
	value=$(bytes 131056 "$char")
	out=$(preload KEEPALIVE_IDLE="$value" "$KA_PROGS/kaprobe" socket tcp4 2>"$tmp/err") ||
		fail "kaprobe failed with a 128 KiB KEEPALIVE_IDLE of '$char'"
	assert_eq "128 KiB of '$char'" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=119000" "$out"
	assert_eq "warning lines" 1 "$(wc -l <"$tmp/err")"
	assert_match "warning" "^${KA_FROM}KEEPALIVE_IDLE='$(bytes 40 "$char")\.\.\.' " "$(cat "$tmp/err")"
done

# A 1.3 MiB environment of 128 KiB variables, the setting after them.
filler=$(bytes 131000 f)
out=$(preload FILL1="$filler" FILL2="$filler" FILL3="$filler" FILL4="$filler" FILL5="$filler" \
	FILL6="$filler" FILL7="$filler" FILL8="$filler" FILL9="$filler" FILL10="$filler" \
	KEEPALIVE_IDLE=30 "$KA_PROGS/kaprobe" socket tcp4 2>"$tmp/err") ||
	fail "kaprobe failed with a 1.3 MiB environment"
assert_eq "after 1.3 MiB of variables" "keepalive=1 idle=30 intvl=10 cnt=6 user_timeout=89000" "$out"
assert_eq "stderr" "" "$(cat "$tmp/err")"

# 1 MiB values through the parser: KEEPALIVE=on, then KEEPALIVE_IDLE of
# 1 MiB of digits, of bytes 0xff, and a 1 MiB KEEPALIVE_USER_TIMEOUT.
mib=1048576
{ printf 'on\000'; bytes $mib 9; } >"$tmp/digits"
{ printf 'on\000'; bytes $mib '\377'; } >"$tmp/high"
{ printf 'on\000\000\000\000'; bytes $mib 1; printf '\0002'; } >"$tmp/user-timeout"
"$KA_BUILDDIR/tests/fuzz/replay" "$tmp/digits" "$tmp/high" "$tmp/user-timeout" ||
	fail "the parser failed a check on 1 MiB values"
