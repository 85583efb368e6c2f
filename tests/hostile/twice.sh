#!/bin/sh
# The library listed twice in LD_PRELOAD. The same file is loaded once
# (ld.so recognises it), so everything happens once. A copy under another
# name is a second object: both instances act (the first one's socket()
# calls the second's through RTLD_NEXT), each configures the socket with the
# same values and each prints its warnings: harmless, only repeated.
. "$KA_SRCDIR/tests/lib.sh"

scratch
tmp=$KA_TMP

for list in "$KA_PRELOAD $KA_LIB" "$KA_PRELOAD:$KA_LIB"; do
	# shellcheck disable=SC2086
	out=$(env LD_PRELOAD="$list" $KA_TIMERS KEEPALIVE_DEBUG=x "$KA_PROGS/kaprobe" socket tcp4 2>"$tmp/err") ||
		fail "kaprobe failed with LD_PRELOAD='$list'"
	assert_eq "listed twice" "$KA_OURS" "$out"
	assert_eq "warnings with the same file twice" 1 "$(wc -l <"$tmp/err")"
done

cp "$KA_LIB" "$tmp/libkeepalive-copy.so"
# shellcheck disable=SC2086
out=$(env LD_PRELOAD="$KA_PRELOAD $tmp/libkeepalive-copy.so" $KA_TIMERS KEEPALIVE_DEBUG=x \
	"$KA_PROGS/kaprobe" pair 2>"$tmp/err") ||
	fail "kaprobe pair failed with a copy of the library"
assert_eq "with a copy" "$(printf '%s %s\n' listener "$KA_OURS" client "$KA_OURS" accepted "$KA_OURS")" "$out"
assert_eq "warnings with a copy (one per instance)" 2 "$(wc -l <"$tmp/err")"
