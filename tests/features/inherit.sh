#!/bin/sh
# KEEPALIVE_INHERIT=no: the program started under the preload has keepalive,
# also when a launcher execs it (sh -c 'exec ...', env) and in a child made
# by fork alone; a child started with fork and exec (sh -c 'prog; true',
# python's subprocess) has none, finds no libkeepalive in LD_PRELOAD (the
# other entries kept) and no KEEPALIVE_* variable, so neither do its own
# children. With the default (yes) children keep it.
. "$KA_SRCDIR/tests/lib.sh"

probe="$KA_PROGS/kaprobe socket tcp4"
noop="$KA_PROGS/.libs/libkanoop.so"
[ -f "$noop" ] || fail "$noop is not built"
kernel=$($probe)
assert_match "kernel defaults" "^keepalive=0 " "$kernel"
# What remains of LD_PRELOAD in a child: every entry but the library.
rest="${KA_SANITIZER_RUNTIME:+$KA_SANITIZER_RUNTIME:}$noop"

# run VAR=VALUE... -- COMMAND...: under the preload, another library after it.
run() {
	vars=""
	while [ "$1" != "--" ]; do vars="$vars $1"; shift; done
	shift
	# shellcheck disable=SC2086
	env LD_PRELOAD="$KA_PRELOAD:$noop" $KA_TIMERS $vars "$@" || fail "$* failed"
}

# The program itself, and through launchers that exec it.
assert_eq "the program" "$KA_OURS" "$(run KEEPALIVE_INHERIT=no -- $probe)"
assert_eq "sh -c exec" "$KA_OURS" "$(run KEEPALIVE_INHERIT=no -- sh -c "exec $probe")"
assert_eq "env" "$KA_OURS" "$(run KEEPALIVE_INHERIT=no -- env $probe)"
assert_eq "env, then sh -c exec" "$KA_OURS" \
	"$(run KEEPALIVE_INHERIT=no -- env sh -c "exec env $probe")"

# The launching shell is the program; what it starts with fork and exec is not.
out=$(run KEEPALIVE_INHERIT=no -- sh -c "$probe; true")
assert_eq "sh -c 'prog; true'" "$kernel" "$out"
out=$(run KEEPALIVE_INHERIT=no -- sh -c 'sh -c '\''echo "${LD_PRELOAD-unset}"; env | grep -c "^KEEPALIVE" || :'\''; true')
assert_eq "child's LD_PRELOAD and KEEPALIVE_* variables" "$rest
0" "$out"
# A grandchild, started by the child (which no longer has the variables).
out=$(run KEEPALIVE_INHERIT=no -- sh -c "sh -c '$probe; true'; true")
assert_eq "grandchild" "$kernel" "$out"
# The owner's own environment keeps the library (and gains KEEPALIVE_PID).
out=$(run KEEPALIVE_INHERIT=no -- sh -c 'echo "$LD_PRELOAD"; [ "$KEEPALIVE_PID" = $$ ] && echo pid')
assert_eq "the program's own environment" "$KA_PRELOAD:$noop
pid" "$out"

# The default, and KEEPALIVE_INHERIT=yes: children keep it.
assert_eq "default: child keeps it" "$KA_OURS" "$(run -- sh -c "$probe; true")"
assert_eq "yes: child keeps it" "$KA_OURS" "$(run KEEPALIVE_INHERIT=yes -- sh -c "$probe; true")"
out=$(run KEEPALIVE_INHERIT=yes -- sh -c 'sh -c '\''echo "$LD_PRELOAD"; echo "${KEEPALIVE_PID-unset}"'\''; true')
assert_eq "yes: environment as given" "$KA_PRELOAD:$noop
unset" "$out"

# python3: a child by subprocess has none, one by fork alone keeps it.
if command -v python3 >/dev/null 2>&1; then
	out=$(run KEEPALIVE_INHERIT=no -- python3 -c '
import os, socket, subprocess, sys
def keepalive():
    return socket.socket().getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
print("parent", keepalive())
sys.stdout.flush()
subprocess.run(sys.argv[1:], check=True)
pid = os.fork()
if pid == 0:
    print("forked", keepalive())
    sys.stdout.flush()  # os._exit does not flush
    os._exit(0)
os.waitpid(pid, 0)
' $probe)
	assert_eq "python3" "parent 1
$kernel
forked 1" "$out"
fi

# bash defines its own setenv and unsetenv, which before its main() work on
# its own table, not on environ: as a child it must start (not spin in our
# constructor) and see no library; as the program it must see KEEPALIVE_PID.
if command -v bash >/dev/null 2>&1; then
	# sh is the program; the bash it starts loads the library as a child.
	out=$(timeout 10 env LD_PRELOAD="$KA_PRELOAD:$noop" KEEPALIVE_INHERIT=no \
		sh -c 'bash -c '\''echo "child ${LD_PRELOAD-unset}"'\''; true') || fail "bash as a child: $?"
	assert_eq "bash as a child" "child $rest" "$out"
	out=$(run KEEPALIVE_INHERIT=no -- bash -c 'echo "$KEEPALIVE_PID" $$')
	pid=${out#* }
	assert_eq "bash as the program: its own KEEPALIVE_PID" "$pid $pid" "$out"
fi
