#!/bin/sh
# keepalive --cgroup's faults, one line each and nothing changed: a built
# without BPF (the only check there), not a directory, no such directory,
# not cgroup v2, no permission, usage errors (all 125); and a command killed at any
# moment of --apply leaves no program of ours without its settings, never
# two of ours, and the next --apply completes it.
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"

# one_line WHAT STATUS PATTERN COMMAND...: exits STATUS with one line on
# stderr matching PATTERN (a usage error adds the line pointing to --help),
# nothing on stdout.
one_line() {
	what=$1 want=$2 pattern=$3
	shift 3
	"$@" >"$KA_TMP/out" 2>"$KA_TMP/err" && got=0 || got=$?
	assert_eq "$what: exit status" "$want" "$got"
	assert_eq "$what: lines on stderr" 1 "$(grep -vc "^Try 'keepalive --help'" "$KA_TMP/err")"
	assert_match "$what" "$pattern" "$(cat "$KA_TMP/err")"
	[ ! -s "$KA_TMP/out" ] || fail "$what: wrote to stdout: $(cat "$KA_TMP/out")"
}

one_line "--detach without --cgroup" 125 "^keepalive: --detach goes with" "$KA_CMD" --detach -- true
one_line "--pid and --cgroup" 125 "exclude each other" "$KA_CMD" --pid 1 --cgroup /
if ! cg_built; then
	one_line "built without BPF" 125 "^keepalive: --cgroup /: this keepalive was built without BPF" \
		"$KA_CMD" --cgroup / --apply
	exit 0
fi
cg_setup faults

touch "$KA_TMP/file"
one_line "a file" 125 "^keepalive: --cgroup $KA_TMP/file: not a directory$" \
	"$KA_CMD" --cgroup "$KA_TMP/file" --apply
one_line "no such directory" 125 "No such file or directory$" \
	"$KA_CMD" --cgroup "$KA_TMP/none" --apply
one_line "not cgroup v2" 125 "^keepalive: --cgroup $KA_TMP: not a cgroup v2 directory" \
	"$KA_CMD" --cgroup "$KA_TMP" --apply
one_line "--apply with --detach" 125 "exclude each other" \
	"$KA_CMD" --cgroup "$CG" --apply --detach
one_line "a command" 125 "takes no command" "$KA_CMD" --cgroup "$CG" -- true
one_line "a bad value" 125 "^keepalive: --idle 'x'" "$KA_CMD" --cgroup "$CG" --apply --idle x
if command -v setpriv >/dev/null 2>&1; then
	one_line "not root" 125 "no permission" \
		setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$KA_CMD" --cgroup "$CG" --apply
fi
# A refusal while loading: a map of another layout pinned where ours goes
# (as an older keepalive's would be). libbpf's point, in one line.
pins="$(cg_mount bpf)/keepalive/$(stat -c %i "$CG")"
if command -v bpftool >/dev/null 2>&1 && mkdir -p "$pins" &&
	bpftool map create "$pins/ka_settings" type array key 4 value 8 entries 2 name ka_settings; then
	one_line "a map of another layout" 125 \
		"the BPF programs cannot be loaded: couldn't reuse pinned map .*ka_settings" \
		"$KA_CMD" --cgroup "$CG" --apply
	assert_eq "nothing attached after the refusal" 0 "$(cg_ours)"
	"$KA_CMD" --cgroup "$CG" --detach >/dev/null || fail "--detach after the refusal"
fi
assert_eq "nothing attached after the faults" 0 "$(cg_ours)"
assert_eq "nothing pinned after the faults" "" "$(cg_pinned)"

# Killed half-way, at moments spread over an --apply: whatever of ours is
# attached reads complete settings.
for delay in 0.001 0.005 0.01 0.02 0.03 0.05 0.08; do
	"$KA_CMD" --cgroup "$CG" --apply --idle 5 >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	n=$(cg_ours)
	[ "$n" -le 2 ] || fail "killed after $delay s: $n programs of ours"
	if [ "$n" -gt 0 ]; then
		out=$("$KA_CMD" --cgroup "$CG")
		assert_match "killed after $delay s: the settings" "^settings: +enabled=on .*idle=5s" "$out"
	fi
done
out=$("$KA_CMD" --cgroup "$CG" --apply --idle 5) || fail "--apply after the kills: $out"
assert_eq "--apply after the kills" 2 "$(cg_ours)"
"$KA_CMD" --cgroup "$CG" --detach >/dev/null || fail "--detach"
assert_eq "nothing attached at the end" 0 "$(cg_ours)"
