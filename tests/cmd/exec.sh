#!/bin/sh
# keepalive becomes the command: its exit status, signals and pid; 126 and
# 127 like a shell when the command cannot be run.
. "$KA_SRCDIR/tests/cmd/common.sh"

assert_eq "exit status" 7 "$(status "$KA_CMD" sh -c 'exit 7')"
assert_eq "exit status 0" 0 "$(status "$KA_CMD" -i 30 true)"
assert_eq "arguments" "a b  c" "$("$KA_CMD" -- printf '%s' 'a b  c')"

# Not found: 127, with a message naming the command.
rc=0
err=$("$KA_CMD" ka-no-such-command-$$ 2>&1) || rc=$?
assert_eq "not found" 127 "$rc"
assert_match "not found message" "^keepalive: cannot run 'ka-no-such-command-$$': " "$err"
assert_eq "not found, path" 127 "$(status "$KA_CMD" "$KA_TMP/nothing")"

# Found, not executable: 126.
printf '#!/bin/sh\nexit 0\n' >"$KA_TMP/script"
chmod 644 "$KA_TMP/script"
rc=0
err=$("$KA_CMD" "$KA_TMP/script" 2>&1) || rc=$?
assert_eq "not executable" 126 "$rc"
assert_match "not executable message" "^keepalive: cannot run '.*/script': " "$err"
assert_eq "a directory" 126 "$(status "$KA_CMD" "$KA_TMP")"
# Executable but not readable: keepalive leaves the decision to execve and
# the interpreter. Root may read anything, so the script runs; for another
# user the kernel starts /bin/sh, which cannot open it (exit status 2).
chmod 111 "$KA_TMP/script"
if [ "$(id -u)" = 0 ]; then
	assert_eq "executable, unreadable, as root" 0 "$(status "$KA_CMD" "$KA_TMP/script")"
else
	assert_eq "executable, unreadable" 2 "$(status "$KA_CMD" "$KA_TMP/script")"
fi

# A PATH search finds the command like a shell does.
mkdir "$KA_TMP/bin"
printf '#!/bin/sh\necho found "$@"\n' >"$KA_TMP/bin/ka-found"
chmod 755 "$KA_TMP/bin/ka-found"
assert_eq "PATH search" "found x" "$(PATH="$KA_TMP/bin:$PATH" "$KA_CMD" ka-found x)"

# The same process: the command's pid is keepalive's, so a signal sent to
# that pid reaches the command, and the status says it was killed by it.
pid=
at_exit '[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null || true'
"$KA_CMD" --idle 30 sh -c 'echo $$ >"$1.tmp" && mv "$1.tmp" "$1" && exec sleep 30' sh \
	"$KA_TMP/pid" &
pid=$!
i=0
while [ ! -s "$KA_TMP/pid" ]; do
	i=$((i + 1))
	[ "$i" -le 100 ] || fail "the command did not start"
	sleep 0.1
done
assert_eq "pid" "$pid" "$(cat "$KA_TMP/pid")"
kill -TERM "$pid"
rc=0
wait "$pid" || rc=$?
pid=
assert_eq "killed by SIGTERM" 143 "$rc"
