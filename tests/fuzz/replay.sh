#!/bin/sh
# Replays the fuzz corpus through the fuzz target's checks (tests/fuzz/replay.c).
. "$KA_SRCDIR/tests/lib.sh"

"$KA_BUILDDIR/tests/fuzz/replay" "$KA_SRCDIR/tests/fuzz/corpus" ||
	fail "the settings parser failed a check on the corpus (see above)"
