#!/bin/sh
# The manual pages: they carry the package's version, are clean under
# mandoc -T lint -W style and groff -ww (each of the two that is installed),
# never hyphenate an identifier, a path or a function's name at any width,
# and document every option of the command.
. "$KA_SRCDIR/tests/cmd/common.sh"

pages="$KA_BUILDDIR/doc/keepalive.1 $KA_BUILDDIR/doc/libkeepalive.7"
version=$("$KA_CMD" --version | sed 's/.* //')
for page in $pages; do
	[ -r "$page" ] || fail "$page is missing"
	assert_match "$page version" "^\.TH .* \"libkeepalive $version\"" "$(sed -n 1p "$page")"
	if grep -n '@[a-zA-Z_]*@' "$page"; then
		fail "$page has a placeholder left (above)"
	fi
done

linted=
if command -v mandoc >/dev/null 2>&1; then
	# shellcheck disable=SC2086 # the list of pages
	out=$(mandoc -T lint -W style $pages 2>&1) || fail "mandoc -T lint -W style: $out"
	assert_eq "mandoc -T lint -W style" "" "$out"
	linted="$linted mandoc"
fi
if command -v groff >/dev/null 2>&1; then
	for page in $pages; do
		out=$(groff -man -ww -z "$page" 2>&1) || fail "groff failed on $page: $out"
		assert_eq "groff -man -ww -z $page" "" "$out"
		# A word broken at the end of a line is joined to the start of the
		# next; only plain words may be broken, not KEEPALIVE_IDLE,
		# TCP_KEEPIDLE, /usr/lib/..., setsockopt(2), libkeepalive.
		for width in 60 70 78 80 90 100; do
			broken=$(groff -man -Tutf8 -rLL="${width}n" -P-cbou "$page" 2>/dev/null |
				LC_ALL=C awk '
				prev ~ /\342\200\220$/ {
					n = split(prev, a, " "); split($0, b, " ")
					w = a[n] b[1]; sub(/\342\200\220/, "", w)
					gsub(/^[([]+|[])},.;:]+$/, "", w)
					if (w ~ /[_\/(=.@]|[A-Z][A-Z]|keepalive|sockopt|dontdie/)
						print w
				}
				{ prev = $0 }')
			assert_eq "identifiers hyphenated in $page at $width columns" "" "$broken"
		done
	done
	linted="$linted groff"
fi
[ -n "$linted" ] || skip "neither mandoc nor groff is installed"
echo "man pages checked with:$linted"

# Every option of the command is documented.
for option in $("$KA_CMD" --help | grep -o -- '--[a-z-]*[a-z]' | sort -u); do
	grep -qF -- "$(printf '%s' "$option" | sed 's/-/\\-/g')" "$KA_BUILDDIR/doc/keepalive.1" ||
		fail "keepalive.1 does not document $option"
done
