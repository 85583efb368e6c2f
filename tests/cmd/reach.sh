#!/bin/sh
# A program the library cannot reach gets one line saying so before it runs
# (and still runs): statically linked, a Go program, set-user-ID to another
# user. A program it reaches gets no such line.
. "$KA_SRCDIR/tests/cmd/common.sh"

# reached NAME PROGRAM: the program runs, and nothing is said about it.
reached() {
	err=$("$KA_CMD" "$2" 2>&1) || fail "$1: exited $?"
	assert_eq "$1: nothing said" "" "$err"
}

# unreachable NAME PROGRAM WORDS: the program runs, and one line says why.
unreachable() {
	err=$("$KA_CMD" "$2" 2>&1) || fail "$1: exited $?"
	assert_match "$1" "^keepalive: $2 $3.*keepalive --pid" "$err"
	assert_eq "$1: one line" 1 "$(printf '%s\n' "$err" | wc -l)"
}

true_path=$(command -v env | sed 's|/env$|/true|')
[ -x "$true_path" ] || skip "no true(1) beside env(1)"
reached "dynamic" "$true_path"
printf '#!/bin/sh\nexit 0\n' >"$KA_TMP/script"
chmod 755 "$KA_TMP/script"
reached "a script" "$KA_TMP/script"

printf 'int main(void) { return 0; }\n' >"$KA_TMP/prog.c"
if ${CC:-cc} -static -o "$KA_TMP/static" "$KA_TMP/prog.c" 2>/dev/null; then
	unreachable "static" "$KA_TMP/static" "is statically linked"
else
	echo "no static C library: the static case is not tested"
fi

# A Go executable is recognised by its .go.buildinfo section.
command -v objcopy >/dev/null 2>&1 || skip "objcopy is not installed"
: >"$KA_TMP/empty"
objcopy --add-section .go.buildinfo="$KA_TMP/empty" "$true_path" "$KA_TMP/goprog" ||
	fail "objcopy"
unreachable "Go" "$KA_TMP/goprog" "is a Go program"

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp "$true_path" "$KA_TMP/setuid"
	chown nobody "$KA_TMP/setuid" && chmod 4755 "$KA_TMP/setuid"
	chmod 755 "$KA_TMP"
	unreachable "set-user-ID" "$KA_TMP/setuid" "is set-user-ID or set-group-ID"
	# Set-user-ID to ourselves changes nothing: the loader preloads it.
	chown root "$KA_TMP/setuid" && chmod 4755 "$KA_TMP/setuid"
	reached "set-user-ID to root, run by root" "$KA_TMP/setuid"
fi
