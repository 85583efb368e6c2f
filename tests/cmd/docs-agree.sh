#!/bin/sh
# The options of keepalive --help, the README's table and keepalive(1) are
# the same list.
. "$KA_SRCDIR/tests/cmd/common.sh"

"$KA_CMD" --help | grep "^  " | grep -o -- '--[a-z][a-z-]*[a-z]' | sort -u >"$KA_TMP/help"
# The README's option table: rows of the section "The keepalive command".
sed -n '/^## The keepalive command/,/^## /p' "$KA_SRCDIR/README.md" | grep '^| `-' |
	grep -o -- '--[a-z][a-z-]*[a-z]' | sort -u >"$KA_TMP/readme"
sed 's/\\-/-/g' "$KA_BUILDDIR/doc/keepalive.1" | grep -o -- '--[a-z][a-z-]*[a-z]' | sort -u \
	>"$KA_TMP/man"

# Aliases are named in the README's prose, not in its table.
aliases=$(sed -n 's/^Aliases: //p' "$KA_SRCDIR/README.md" | grep -o -- '--[a-z][a-z-]*[a-z]' |
	sort -u)
missing=$(comm -23 "$KA_TMP/help" "$KA_TMP/readme" | grep -vxF -e "$aliases" || true)
assert_eq "options of --help missing from the README's table" "" "$missing"
assert_eq "options in the README's table that --help lacks" "" \
	"$(comm -13 "$KA_TMP/help" "$KA_TMP/readme")"
assert_eq "options of --help missing from keepalive.1" "" "$(comm -23 "$KA_TMP/help" "$KA_TMP/man")"
