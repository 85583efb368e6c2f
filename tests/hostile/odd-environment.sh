#!/bin/sh
# Odd environments: bytes that are not UTF-8, thousands of variables, names
# that look like ours, duplicates and entries without '=', no environment at
# all, stderr closed. The program behaves as without the library, apart from
# keepalive and the warnings about our own variables.
. "$KA_SRCDIR/tests/lib.sh"

scratch
tmp=$KA_TMP
rawenv="$KA_BUILDDIR/tests/hostile/rawenv"
LC_ALL=C; export LC_ALL # the messages hold bytes that are not characters
default="keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=119000"

# Not UTF-8, in our value and in other variables' names and values.
bad=$(printf '\377\376\300\200')
out=$(preload KEEPALIVE_IDLE="$bad" "$(printf 'X\377Y')=1" OTHER="$bad" \
	"$KA_PROGS/kaprobe" socket tcp4 2>"$tmp/err") || fail "kaprobe failed with non-UTF-8 bytes"
assert_eq "non-UTF-8 value" "$default" "$out"
assert_eq "warning lines" 1 "$(wc -l <"$tmp/err")"
assert_match "warning" "^${KA_FROM}KEEPALIVE_IDLE=.* is not valid" "$(cat "$tmp/err")"

# 5000 variables before ours, and near misses of our names.
set --
i=0
while [ $i -lt 5000 ]; do
	set -- "$@" "KA_FILLER_$i=$i"
	i=$((i + 1))
done
out=$(preload "$@" KEEPALIVE_IDL=5 KEEPALIVE_IDLEX=5 keepalive_idle=5 KEEPALIVE_=5 \
	KEEPALIVE_IDLE=30 "$KA_PROGS/kaprobe" socket tcp4 2>"$tmp/err") ||
	fail "kaprobe failed with 5000 variables"
assert_eq "5000 variables and near misses" "keepalive=1 idle=30 intvl=10 cnt=6 user_timeout=89000" "$out"
assert_eq "stderr" "" "$(cat "$tmp/err")"

# Entries without '=' are no variables; of duplicates the first counts, as
# with getenv().
out=$(preload "$rawenv" KEEPALIVE_INTVL KEEPALIVE_IDLE=31 KEEPALIVE_IDLE=32 = "=5" -- \
	"$KA_PROGS/kaprobe" socket tcp4 2>"$tmp/err") || fail "kaprobe failed with raw entries"
assert_eq "raw entries" "keepalive=1 idle=31 intvl=10 cnt=6 user_timeout=90000" "$out"
assert_eq "stderr" "" "$(cat "$tmp/err")"

# No environment but LD_PRELOAD.
out=$(env -i LD_PRELOAD="$KA_PRELOAD" ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
	"$KA_PROGS/kaprobe" socket tcp4) || fail "kaprobe failed with an empty environment"
assert_eq "empty environment" "$default" "$out"

# stderr closed: a bad value and per-socket logging must not reach the
# socket that takes descriptor 2.
out=$(preload KEEPALIVE_IDLE=10x KEEPALIVE_DEBUG=2 "$KA_PROGS/kaprobe" pair 2>&-) ||
	fail "kaprobe pair failed with stderr closed"
assert_match "stderr closed" "^(listener|client|accepted) keepalive=1 idle=60 " "$out"
