#!/bin/sh
# LD_PRELOAD: the library goes first, what was there stays, nothing twice.
. "$KA_SRCDIR/tests/cmd/common.sh"

preload_of() {
	"$KA_CMD" "$@" printenv LD_PRELOAD || fail "keepalive $* exited $?"
}

assert_eq "alone" "$KA_LIB" "$(preload_of)"

# A second library, which does nothing, stands for one the user had.
cp "$KA_LIB" "$KA_TMP/other.so" 2>/dev/null || fail "cp"
other="$KA_TMP/other.so"
assert_eq "prepended" "$KA_LIB:$other" "$(LD_PRELOAD="$other" preload_of)"
assert_eq "spaces kept" "$KA_LIB:$other  $other" "$(LD_PRELOAD="$other  $other" preload_of)"
assert_eq "empty" "$KA_LIB" "$(LD_PRELOAD=" " preload_of)"

# Already there (first, later, or by another path): left as it was.
assert_eq "already first" "$KA_LIB" "$(LD_PRELOAD="$KA_LIB" preload_of)"
assert_eq "already later" "$other $KA_LIB" "$(LD_PRELOAD="$other $KA_LIB" preload_of)"
ln -s "$KA_LIB" "$KA_TMP/link.so"
assert_eq "another path" "$KA_TMP/link.so:$other" \
	"$(LD_PRELOAD="$KA_TMP/link.so:$other" preload_of)"

# keepalive under keepalive: one entry, the inner options win.
out=$(LD_PRELOAD="$other" "$KA_CMD" --idle 40 "$KA_CMD" --cnt 3 printenv LD_PRELOAD KEEPALIVE_IDLE \
	KEEPALIVE_CNT)
assert_eq "nested" "$KA_LIB:$other
40
3" "$out"
out=$("$KA_CMD" --idle 40 "$KA_CMD" --idle 50 "$KA_PROGS/kaprobe" socket tcp4)
assert_match "nested options" '^keepalive=1 idle=50 ' "$out"

# The library must exist: ld.so would only warn and run without it.
rc=0
err=$(KEEPALIVE_LIBRARY="$KA_TMP/missing.so" "$KA_CMD" touch "$KA_TMP/ran" 2>&1) || rc=$?
assert_eq "missing library" 125 "$rc"
assert_match "missing library message" "cannot use the library .*missing.so" "$err"
[ ! -e "$KA_TMP/ran" ] || fail "ran without the library"
assert_eq "relative library" 125 "$(status env KEEPALIVE_LIBRARY=lib.so "$KA_CMD" true)"
assert_eq "library with a colon" 125 "$(status env KEEPALIVE_LIBRARY=/a:b.so "$KA_CMD" true)"
