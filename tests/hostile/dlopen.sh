#!/bin/sh
# The library loaded with dlopen() after start rather than preloaded: it does
# no harm. The program's own socket() calls are bound to the C library and
# stay untouched (keepalive=0), with RTLD_LOCAL or RTLD_GLOBAL; calling the
# library's socket through dlsym() works: RTLD_NEXT from a dlopen()ed object
# finds the C library after it in its own scope (tests/hostile/kadlopen.c).
. "$KA_SRCDIR/tests/lib.sh"

# A sanitized library needs its runtime from the start.
[ -z "$KA_SANITIZER_RUNTIME" ] || export LD_PRELOAD="$KA_SANITIZER_RUNTIME"

for mode in local global; do
	out=$(KEEPALIVE_IDLE=33 "$KA_BUILDDIR/tests/hostile/kadlopen" "$KA_LIB" $mode 2>&1) ||
		fail "kadlopen $mode failed: $out"
	assert_match "direct socket() after dlopen ($mode)" "^direct keepalive=0 " "$out"
	assert_match "socket through dlsym ($mode)" \
		"dlsym keepalive=1 idle=33 intvl=10 cnt=6 user_timeout=92000$" "$out"
	assert_eq "lines ($mode)" 2 "$(printf '%s\n' "$out" | wc -l)"
done
