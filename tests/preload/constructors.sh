#!/bin/sh
# Another library's constructor calls socket() (libctor), before or after
# libkeepalive's constructor ran: the socket gets keepalive, nothing
# crashes, and the settings are still reported once.
. "$KA_SRCDIR/tests/lib.sh"

libs="$KA_PROGS/.libs"
[ -f "$libs/libctor.so" ] || fail "$libs/libctor.so not built"
vars="$KA_TIMERS KEEPALIVE_DEBUG=1"
scratch
err="$KA_TMP/err"
ctor_first=0

check() { # check WHAT: the stderr of a run is in $err
	assert_eq "$1: libctor's socket" "libctor $KA_OURS" "$(grep '^libctor' "$err")"
	assert_eq "$1: settings reported" 1 "$(grep -Ec "^${KA_FROM}idle=30s" "$err")"
	assert_eq "$1: stderr lines" 2 "$(wc -l <"$err")"
	if head -n 1 "$err" | grep -q '^libctor'; then
		ctor_first=$((ctor_first + 1))
	fi
}

for order in "$libs/libctor.so $KA_PRELOAD" "$KA_PRELOAD $libs/libctor.so"; do
	# shellcheck disable=SC2086
	out=$(env LD_PRELOAD="$order" $vars "$KA_PROGS/kaprobe" socket tcp4 2>"$err") ||
		fail "LD_PRELOAD='$order': kaprobe failed: $(cat "$err")"
	assert_eq "LD_PRELOAD='$order': kaprobe" "$KA_OURS" "$out"
	check "LD_PRELOAD='$order'"
done

# A program linked against libctor (the binary itself, not libtool's shell
# wrapper, which would be preloaded too).
# shellcheck disable=SC2086
out=$(env LD_LIBRARY_PATH="$libs" LD_PRELOAD="$KA_PRELOAD" $vars "$libs/kactor" 2>"$err") ||
	fail "kactor failed: $(cat "$err")"
assert_eq "linked: kactor" "main libctor_keepalive=1" "$out"
check "linked"

# Settings parsed inside that first socket() (the library off, a value to
# parse) leave errno as the program set it.
env LD_PRELOAD="$libs/libctor.so $KA_PRELOAD" KEEPALIVE=off KEEPALIVE_IDLE=30 \
	"$KA_PROGS/kaprobe" socket tcp4 >/dev/null 2>"$err" || fail "kaprobe (off) failed: $(cat "$err")"
assert_match "off: libctor's socket" "^libctor keepalive=0 " "$(cat "$err")"

# The case that matters ran: a socket() before libkeepalive's constructor
# (glibc runs the later preloaded and the linked library's first).
[ "$ctor_first" -gt 0 ] || fail "libctor's constructor never ran first"
