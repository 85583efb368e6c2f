#!/bin/sh
# --help and --version: exit 0, every option and an example in the help.
. "$KA_SRCDIR/tests/cmd/common.sh"

help=$("$KA_CMD" --help) || fail "--help exited $?"
for option in -i --idle -I --intvl -c --cnt -u --user-timeout -d --detect -m --mode -r --role \
	-p --ports --no-inherit --off -v --verbose --show -h --help -V --version; do
	printf '%s\n' "$help" | grep -q -- "$option[ ,]" || fail "--help does not list $option"
done
for variable in KEEPALIVE KEEPALIVE_IDLE KEEPALIVE_INTVL KEEPALIVE_CNT \
	KEEPALIVE_USER_TIMEOUT KEEPALIVE_DEBUG KEEPALIVE_DETECT KEEPALIVE_MODE KEEPALIVE_ROLE \
	KEEPALIVE_PORTS KEEPALIVE_INHERIT KEEPALIVE_LIBRARY; do
	printf '%s\n' "$help" | grep -q -- "$variable\b" || fail "--help does not name $variable"
done
assert_match "--help example" '^Example: keepalive .* -- ' "$help"
assert_match "-h" '^Usage: keepalive' "$("$KA_CMD" -h)"
assert_eq "help lines within 80 columns" "" "$(printf '%s\n' "$help" | awk 'length > 79')"

version=$("$KA_CMD" --version) || fail "--version exited $?"
assert_match "--version" '^keepalive \(libkeepalive\) [0-9]+\.[0-9]+' "$version"
assert_eq "-V" "$version" "$("$KA_CMD" -V)"
# --help wins over a command, which is not run.
"$KA_CMD" --help touch "$KA_TMP/ran" >/dev/null || fail "--help with a command"
[ ! -e "$KA_TMP/ran" ] || fail "--help ran the command"
