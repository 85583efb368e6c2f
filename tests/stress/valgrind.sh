#!/bin/sh
# valgrind's memcheck over programs using the library: kaprobe with good and
# bad settings and per-socket logging, and a short stress run (threads, fork,
# exec, signals). No memory errors and no definite or indirect leaks, in any
# process of the tree (--trace-children); exit status 99 marks an error.
. "$KA_SRCDIR/tests/lib.sh"

need valgrind
if ldd "$KA_LIB" 2>/dev/null | grep -Eq 'lib(asan|tsan|ubsan|clang_rt)'; then
	skip "the library is built with a sanitizer"
fi
env LD_PRELOAD="$KA_LIB" true 2>/dev/null ||
	skip "valgrind cannot preload the library (built for another C library?)"
# valgrind 3.19 cannot read clang 14's DWARF 5 (configure with CFLAGS=-gdwarf-4).
if ! err=$(valgrind -q "$KA_PROGS/kaprobe" socket unix 2>&1 >/dev/null); then
	case $err in
	*debuginfo*) skip "valgrind cannot read this build's debug information" ;;
	*) fail "valgrind alone failed: $err" ;;
	esac
fi

vg() {
	valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full \
		--show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
		env LD_PRELOAD="$KA_LIB" "$@"
}

out=$(vg KEEPALIVE_IDLE=41 KEEPALIVE_INTVL=7 KEEPALIVE_CNT=3 "$KA_PROGS/kaprobe" socket tcp4) ||
	fail "memcheck: kaprobe socket tcp4 (status $?)"
assert_eq "kaprobe under valgrind" "keepalive=1 idle=41 intvl=7 cnt=3 user_timeout=61000" "$out"

vg KEEPALIVE_IDLE=10x KEEPALIVE_CNT=999 KEEPALIVE_USER_TIMEOUT=1s KEEPALIVE_DEBUG=2 \
	"$KA_PROGS/kaprobe" pair >/dev/null 2>&1 ||
	fail "memcheck: kaprobe pair with bad values and debug output (status $?)"

vg KEEPALIVE=off "$KA_PROGS/kaprobe" socket tcp6 >/dev/null ||
	fail "memcheck: kaprobe with KEEPALIVE=off (status $?)"

out=$(vg KEEPALIVE_IDLE=41 KEEPALIVE_INTVL=7 KEEPALIVE_CNT=3 \
	"$KA_BUILDDIR/tests/stress/stress" 1 41 7 3 "$KA_PROGS/kaprobe") ||
	fail "memcheck: stress (status $?): $out"
printf '%s\n' "$out"
