#!/bin/sh
# The variables of libkeepalive 0.3 (KEEPIDLE, KEEPINTVL, KEEPCNT, KEEPALIVE)
# and of libdontdie (DD_TCP_KEEPALIVE_TIME, _INTVL, _PROBES, DD_USE_KEEPALIVE,
# DD_DEBUG) are applied when ours are unset, read back with getsockopt;
# KEEPALIVE_* wins over both, libkeepalive 0.3 over libdontdie.
. "$KA_SRCDIR/tests/lib.sh"

probe() { # probe VAR=VALUE...: a new TCP socket's options under the preload
	preload "$@" "$KA_PROGS/kaprobe" socket tcp4 || fail "kaprobe with $* failed"
}
kernel=$("$KA_PROGS/kaprobe" socket tcp4)
# Our defaults: idle 60, intvl 10, cnt 6, user timeout their sum.
dflt() { # dflt IDLE INTVL CNT
	echo "keepalive=1 idle=$1 intvl=$2 cnt=$3 user_timeout=$((($1 + $2 * $3) * 1000 - ($2 > 1 ? 1000 : 750)))"
}

assert_eq "nothing set" "$(dflt 60 10 6)" "$(probe)"
assert_eq "KEEPIDLE" "$(dflt 33 10 6)" "$(probe KEEPIDLE=33)"
assert_eq "KEEPINTVL" "$(dflt 60 7 6)" "$(probe KEEPINTVL=7)"
assert_eq "KEEPCNT" "$(dflt 60 10 3)" "$(probe KEEPCNT=3)"
assert_eq "DD_TCP_KEEPALIVE_TIME" "$(dflt 34 10 6)" "$(probe DD_TCP_KEEPALIVE_TIME=34)"
assert_eq "DD_TCP_KEEPALIVE_INTVL" "$(dflt 60 8 6)" "$(probe DD_TCP_KEEPALIVE_INTVL=8)"
assert_eq "DD_TCP_KEEPALIVE_PROBES" "$(dflt 60 10 2)" "$(probe DD_TCP_KEEPALIVE_PROBES=2)"
assert_eq "DD_USE_KEEPALIVE=0" "$kernel" "$(probe DD_USE_KEEPALIVE=0)"
assert_eq "DD_USE_KEEPALIVE=1" "$(dflt 60 10 6)" "$(probe DD_USE_KEEPALIVE=1)"
assert_eq "KEEPALIVE=off" "$kernel" "$(probe KEEPALIVE=off)"

# All of libkeepalive 0.3's together, as its users set them.
assert_eq "0.3 together" "$(dflt 33 7 3)" "$(probe KEEPIDLE=33 KEEPINTVL=7 KEEPCNT=3)"
assert_eq "libdontdie together" "$(dflt 34 8 2)" \
	"$(probe DD_TCP_KEEPALIVE_TIME=34 DD_TCP_KEEPALIVE_INTVL=8 DD_TCP_KEEPALIVE_PROBES=2)"
# Precedence: ours > 0.3 > libdontdie, setting by setting.
all_old="KEEPIDLE=33 KEEPINTVL=7 KEEPCNT=3 DD_TCP_KEEPALIVE_TIME=34 DD_TCP_KEEPALIVE_INTVL=8 \
DD_TCP_KEEPALIVE_PROBES=2"
# shellcheck disable=SC2086
assert_eq "0.3 over libdontdie" "$(dflt 33 7 3)" "$(probe $all_old)"
# shellcheck disable=SC2086
assert_eq "ours over both" "$(dflt 30 5 4)" \
	"$(probe $all_old KEEPALIVE_IDLE=30 KEEPALIVE_INTVL=5 KEEPALIVE_CNT=4)"
assert_eq "mixed" "$(dflt 30 8 3)" \
	"$(probe KEEPALIVE_IDLE=30 KEEPIDLE=33 DD_TCP_KEEPALIVE_INTVL=8 KEEPCNT=3 DD_TCP_KEEPALIVE_PROBES=2)"
assert_eq "ours switch over DD_USE_KEEPALIVE" "$(dflt 60 10 6)" "$(probe DD_USE_KEEPALIVE=0 KEEPALIVE=on)"
assert_eq "DD_USE_KEEPALIVE=1 under KEEPALIVE=off" "$kernel" "$(probe DD_USE_KEEPALIVE=1 KEEPALIVE=off)"

# DD_DEBUG=1: the line with the effective settings, as KEEPALIVE_DEBUG=1.
err=$(preload DD_DEBUG=1 KEEPIDLE=33 "$KA_PROGS/kaprobe" socket tcp4 2>&1 >/dev/null)
assert_match "DD_DEBUG=1" "^${KA_FROM}.*idle=33s" "$err"
assert_eq "DD_DEBUG=1: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
err=$(preload DD_DEBUG=1 KEEPALIVE_DEBUG=0 "$KA_PROGS/kaprobe" socket tcp4 2>&1 >/dev/null)
assert_eq "KEEPALIVE_DEBUG=0 over DD_DEBUG=1" "" "$err"

# A bad old value: one warning naming the old variable, the default used.
err=$(preload KEEPIDLE=10x "$KA_PROGS/kaprobe" socket tcp4 2>&1 >/dev/null)
assert_match "bad KEEPIDLE" "^${KA_FROM}KEEPIDLE='10x' is not valid" "$err"
