#!/bin/sh
# Under a seccomp filter that refuses setsockopt with EPERM the library's
# calls fail; the program's calls succeed and keep errno as it was
# (tests/hostile/kaseccomp.c), and an exec'd program runs normally, its
# sockets simply without keepalive. Under one that refuses the library's
# descriptor table, sockets are configured as they are with it.
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

# Without the descriptor table (the filter refuses its mmap): the same
# options on every socket, whatever the decision needs; the mapping is asked
# for once. Not in a sanitized build: its runtime maps 1 MiB regions of its
# own, which the filter refuses too.
[ -z "$KA_SANITIZER_RUNTIME" ] || exit 0
port=$(free_port)
for setting in "" "KEEPALIVE_PORTS=$port" "KEEPALIVE_ROLE=server" "KEEPALIVE_MODE=force"; do
	# shellcheck disable=SC2086 # one NAME=VALUE word, or none
	with=$(preload KEEPALIVE_IDLE=33 $setting "$KA_PROGS/kaprobe" pair "$port") ||
		fail "kaprobe pair ($setting) failed"
	# shellcheck disable=SC2086
	without=$(preload KEEPALIVE_IDLE=33 $setting "$seccomp" no-table "$KA_PROGS/kaprobe" pair "$port") ||
		fail "kaprobe pair without the table ($setting) failed"
	assert_eq "sockets without the table (${setting:-defaults})" "$with" "$without"
done
if command -v strace >/dev/null 2>&1; then
	scratch
	strace -f -e trace=mmap -o "$KA_TMP/mmap" env LD_PRELOAD="$KA_LIB" \
		"$seccomp" no-table "$KA_PROGS/kaprobe" pair >/dev/null ||
		fail "kaprobe pair under strace failed"
	assert_eq "refused mappings of the table" 1 \
		"$(grep -c '1048576.*ENOMEM' "$KA_TMP/mmap")"
fi
