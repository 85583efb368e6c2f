#!/bin/sh
# Threads connecting and accepting, forks, fork+exec and signal handlers all
# making sockets at once under the preload: no deadlock, no crash, and every
# TCP socket configured (tests/stress/stress.c). KA_STRESS_SECONDS sets the
# length of the run (default 3).
. "$KA_SRCDIR/tests/lib.sh"

seconds=${KA_STRESS_SECONDS:-3}
# timeout(1) outside the preload: the library may be built for another C
# library than the system's programs (scripts/ci-musl).
out=$(timeout $((seconds + 60)) env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE_IDLE=41 \
	KEEPALIVE_INTVL=7 KEEPALIVE_CNT=3 "$KA_BUILDDIR/tests/stress/stress" "$seconds" 41 7 3 \
	"$KA_PROGS/kaprobe")
status=$?
printf '%s\n' "$out"
case $status in
0) ;;
3) fail "watchdog fired: the run did not finish (deadlock)" ;;
124) fail "killed by timeout: the run did not finish" ;;
*) fail "stress exited with status $status" ;;
esac
assert_match "summary" '^stress: [0-9]+ sockets, [1-9][0-9]* accepted, [1-9][0-9]* forks, [1-9][0-9]* execs, [1-9][0-9]* signals, 0 failures$' "$out"
