#!/bin/sh
# The library exports the interposed functions and nothing else: socket,
# accept, accept4, connect, setsockopt (for KEEPALIVE_MODE=force), and close,
# dup2 and dup3 (which keep the per-descriptor state true).
. "$KA_SRCDIR/tests/lib.sh"

need nm
nm --version 2>/dev/null | grep -q 'GNU nm' || skip "nm is not binutils nm"
out=$(nm -D --defined-only "$KA_LIB") || fail "nm failed"
assert_eq "exported symbols" "accept accept4 close connect dup2 dup3 setsockopt socket" \
	"$(printf '%s\n' "$out" | awk '{ print $NF }' | sort | tr '\n' ' ' | sed 's/ $//')"
assert_eq "all functions" 8 "$(printf '%s\n' "$out" | awk '$2 == "T"' | wc -l)"
