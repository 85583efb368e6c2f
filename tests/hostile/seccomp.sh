#!/bin/sh
# Under a seccomp filter that refuses setsockopt with EPERM the library's
# calls fail; the program's calls succeed and keep errno as it was
# (tests/hostile/kaseccomp.c), and an exec'd program runs normally, its
# sockets simply without keepalive.
. "$KA_SRCDIR/tests/lib.sh"

seccomp="$KA_BUILDDIR/tests/hostile/kaseccomp"
out=$(preload KEEPALIVE_DEBUG=2 "$seccomp" run)
status=$?
[ $status -ne 77 ] || skip "seccomp filters cannot be installed here"
[ $status -eq 0 ] || fail "sockets under the filter: status $status: $out"
assert_match "summary" "all calls succeeded, errno kept$" "$out"

out=$(preload "$seccomp" exec "$KA_PROGS/kaprobe" socket tcp4) ||
	fail "kaprobe under the filter failed"
assert_match "kaprobe under the filter" "^keepalive=0 " "$out"
