#!/bin/sh
# A warning about how the timers fit together is given once, by the
# command, naming the option typed: not again by the library in the command
# or in the programs it starts. Without the command the library gives it.
. "$KA_SRCDIR/tests/cmd/common.sh"

err=$("$KA_CMD" --user-timeout 10s sh -c 'true; true' 2>&1) || fail "exited $?"
assert_eq "one warning" 1 "$(printf '%s\n' "$err" | grep -c 'is not longer than')"
assert_match "naming the option" "^keepalive: --user-timeout '10s' is not longer than" "$err"

# A variable set before the command is named as a variable.
err=$(KEEPALIVE_USER_TIMEOUT=10s "$KA_CMD" sh -c 'sh -c true' 2>&1) || fail "exited $?"
assert_eq "one warning (variable)" 1 "$(printf '%s\n' "$err" | grep -c 'is not longer than')"
assert_match "naming the variable" "^keepalive: KEEPALIVE_USER_TIMEOUT='10s' is not longer" "$err"

# A program that changes the variables gets the library's warning again.
err=$("$KA_CMD" sh -c 'KEEPALIVE_USER_TIMEOUT=20s sh -c true' 2>&1) || fail "exited $?"
assert_match "changed variables: the library warns" \
	"^${KA_FROM}KEEPALIVE_USER_TIMEOUT='20s' is not longer" "$err"

# Without the command, the library warns in each process.
err=$(preload KEEPALIVE_USER_TIMEOUT=10s sh -c 'true' 2>&1) || fail "exited $?"
assert_match "library alone" "^${KA_FROM}KEEPALIVE_USER_TIMEOUT='10s' is not longer" "$err"
