#!/bin/sh
# make install updates ld.so's cache (ldconfig) only when it installs into
# the running system as root: not under DESTDIR, not as another user; and
# scripts/bare-name says what the bare name LD_PRELOAD=libkeepalive.so
# loads. ldconfig is replaced by a script that notes its calls, so that the
# system's cache is left alone.
. "$KA_SRCDIR/tests/cmd/common.sh"

bare="$KA_SRCDIR/scripts/bare-name"

# scripts/bare-name, through LD_LIBRARY_PATH (searched before the cache):
# another libkeepalive.so found first is reported, and so is none at all.
mkdir "$KA_TMP/ours" "$KA_TMP/other"
cp "$KA_LIB" "$KA_TMP/ours/libkeepalive.so"
cp "$KA_LIB" "$KA_TMP/other/libkeepalive.so"
out=$(LD_LIBRARY_PATH="$KA_TMP/ours:$KA_TMP/other" sh "$bare" "$KA_TMP/ours/libkeepalive.so") ||
	fail "bare-name with ours first: $out"
assert_eq "bare-name, ours first" "LD_PRELOAD=libkeepalive.so loads $KA_TMP/ours/libkeepalive.so" "$out"
out=$(LD_LIBRARY_PATH="$KA_TMP/other:$KA_TMP/ours" sh "$bare" "$KA_TMP/ours/libkeepalive.so") &&
	fail "bare-name with another first succeeded: $out"
assert_match "bare-name, another first" "loads $KA_TMP/other/libkeepalive.so, which ld.so finds first" "$out"
if ! LD_PRELOAD=libkeepalive.so ldd /bin/sh 2>/dev/null | grep -q 'libkeepalive\.so =>'; then
	# No other libkeepalive.so on this machine (libkeepalive0 would be one).
	out=$(sh "$bare" "$KA_TMP/ours/libkeepalive.so") && fail "bare-name found a library: $out"
	assert_match "bare-name, none" "finds no library" "$out"
fi

[ "$(id -u)" = 0 ] || skip "make install's ldconfig: not root (bare-name checked)"
command -v make >/dev/null 2>&1 || skip "make is not installed"

cat >"$KA_TMP/ldconfig" <<EOS
#!/bin/sh
echo "\$(id -u)" >>"$KA_TMP/ldconfig.calls"
EOS
chmod +x "$KA_TMP/ldconfig"
calls() {
	if [ -f "$KA_TMP/ldconfig.calls" ]; then wc -l <"$KA_TMP/ldconfig.calls"; else echo 0; fi
}
# install_dirs PREFIX: make's arguments that install under PREFIX, whatever
# directories configure was given (a package build gives an absolute libdir).
install_dirs() {
	echo "prefix=$1 exec_prefix=$1 bindir=$1/bin libdir=$1/lib"
}
# run_make DESCRIPTION [MAKE-ARGUMENT...]: make with the fake ldconfig.
run_make() {
	what=$1
	shift
	make -s -C "$KA_BUILDDIR" LDCONFIG="$KA_TMP/ldconfig" "$@" >"$KA_TMP/out" 2>&1 ||
		{ cat "$KA_TMP/out"; fail "$what: make $* failed"; }
}

# shellcheck disable=SC2046 # install_dirs gives several words
run_make "staged" install-exec $(install_dirs "$KA_TMP/staged") DESTDIR="$KA_TMP/destdir"
[ -f "$KA_TMP/destdir$KA_TMP/staged/lib/libkeepalive.so" ] || fail "the staged install has no library"
assert_eq "ldconfig calls under DESTDIR" 0 "$(calls)"

# shellcheck disable=SC2046
run_make "live" install-exec $(install_dirs "$KA_TMP/live")
[ -f "$KA_TMP/live/lib/libkeepalive.so" ] || fail "the live install has no library"
assert_eq "ldconfig calls installing as root" 1 "$(calls)"
# It is not in ld.so's search path: the bare name finds nothing, or another.
grep -Eq "^LD_PRELOAD=libkeepalive.so (finds no library: $KA_TMP/live/lib is not in|loads .*, which ld.so finds first, not $KA_TMP/live/lib/libkeepalive.so)" "$KA_TMP/out" ||
	fail "make install did not say what the bare name loads: $(cat "$KA_TMP/out")"
# Only the library's uninstall: make uninstall would also remove the pages
# and the completion from their configured directories, which may be the
# system's.
# shellcheck disable=SC2046
run_make "uninstall" uninstall-libLTLIBRARIES uninstall-hook $(install_dirs "$KA_TMP/live")
[ ! -e "$KA_TMP/live/lib/libkeepalive.so" ] || fail "uninstall left the library"
assert_eq "ldconfig calls after uninstalling" 2 "$(calls)"

# As another user: an id that answers 1000 stands in for one (a real user
# may not be able to read a build tree made as root).
mkdir "$KA_TMP/bin"
printf '#!/bin/sh\necho 1000\n' >"$KA_TMP/bin/id"
chmod +x "$KA_TMP/bin/id"
# shellcheck disable=SC2046
PATH="$KA_TMP/bin:$PATH" run_make "as a user" install-exec $(install_dirs "$KA_TMP/user")
[ -f "$KA_TMP/user/lib/libkeepalive.so" ] || fail "the user's install has no library"
assert_eq "ldconfig calls installing as another user" 2 "$(calls)"
grep -q "ld.so's cache not updated (not root" "$KA_TMP/out" ||
	fail "make install as a user did not say why: $(cat "$KA_TMP/out")"
