#!/bin/sh
# The manual pages are free of warnings (mandoc, else groff) and carry the
# package's version.
. "$KA_SRCDIR/tests/cmd/common.sh"

version=$("$KA_CMD" --version | sed 's/.* //')
for page in "$KA_BUILDDIR/doc/keepalive.1" "$KA_BUILDDIR/doc/libkeepalive.7"; do
	[ -r "$page" ] || fail "$page is missing"
	assert_match "$page version" "^\.TH .* \"libkeepalive $version\"" "$(sed -n 1p "$page")"
done

if command -v mandoc >/dev/null 2>&1; then
	mandoc -T lint -W warning "$KA_BUILDDIR/doc/keepalive.1" "$KA_BUILDDIR/doc/libkeepalive.7" ||
		fail "mandoc -T lint found problems"
elif command -v groff >/dev/null 2>&1; then
	for page in "$KA_BUILDDIR/doc/keepalive.1" "$KA_BUILDDIR/doc/libkeepalive.7"; do
		out=$(groff -ww -z -man "$page" 2>&1) || fail "groff failed on $page"
		assert_eq "groff warnings for $page" "" "$out"
	done
else
	skip "neither mandoc nor groff is installed"
fi

# Every option of the command is documented.
for option in $("$KA_CMD" --help | grep -o -- '--[a-z-]*[a-z]' | sort -u); do
	grep -qF -- "$(printf '%s' "$option" | sed 's/-/\\-/g')" "$KA_BUILDDIR/doc/keepalive.1" ||
		fail "keepalive.1 does not document $option"
done
