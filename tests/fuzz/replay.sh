#!/bin/sh
# Replays the fuzz corpus through the fuzz target's checks (tests/fuzz/replay.c).
. "$KA_SRCDIR/tests/lib.sh"

ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=1" \
	"$KA_BUILDDIR/tests/fuzz/replay" "$KA_SRCDIR/tests/fuzz/corpus" ||
	fail "the settings parser failed a check on the corpus (see above)"
