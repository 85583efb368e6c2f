#!/bin/sh
# A descriptor closed, or its number reused, between listing /proc/PID/fd
# and taking the copy is never taken for the socket listed
# (tests/progs/kaprocfd.c, on itself: no privileges needed).
. "$KA_SRCDIR/tests/lib.sh"
exec "$KA_PROGS/kaprocfd"
