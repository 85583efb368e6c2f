# Shared by the tests of keepalive --cgroup: sourced, never run (after
# tests/cmd/common.sh, which sets KA_CMD and KA_TMP).
#
# cg_setup NAME skips (77) unless the command was built with BPF, we are root
# and cgroup v2 is mounted; then makes a cgroup named after the test and
# this shell's pid, $CG, under the cgroup2 mount found in
# /proc/self/mountinfo. An EXIT trap detaches ours, kills what runs in it
# and removes it, and removes $KA_TMP.

CG= CG_PIDS=

# cg_mount TYPE: where a file system of TYPE is mounted (cgroup2: on hybrid
# systems /sys/fs/cgroup/unified; bpf).
cg_mount() {
	awk -v type="$1" '{ for (i = 7; i <= NF; i++) if ($i == "-") break;
	       if ($(i + 1) == type) { print $5; exit } }' /proc/self/mountinfo
}

# True when the command was built with BPF support.
cg_built() {
	! "$KA_CMD" --cgroup / 2>&1 | grep -q 'built without BPF'
}

cg_cleanup() {
	[ -z "$CG" ] || "$KA_CMD" --cgroup "$CG" --detach >/dev/null 2>&1
	for pid in $CG_PIDS; do
		kill "$pid" 2>/dev/null
	done
	if [ -n "$CG" ] && [ -d "$CG" ]; then
		for pid in $(cat "$CG/cgroup.procs" 2>/dev/null); do
			kill -9 "$pid" 2>/dev/null
		done
		for pid in $CG_PIDS; do
			wait "$pid" 2>/dev/null
		done
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			rmdir "$CG" 2>/dev/null && break
			sleep 0.1
		done
	fi
	rm -rf "$KA_TMP"
}

cg_setup() {
	cg_built || skip "keepalive was built without BPF (configure --disable-bpf)"
	[ "$(id -u)" = 0 ] || skip "needs root (BPF, cgroups)"
	root=$(cg_mount cgroup2)
	[ -n "$root" ] || skip "no cgroup v2 mount in /proc/self/mountinfo"
	tag=$(printf '%s' "$1" | tr -c 'A-Za-z0-9_-' _ | cut -c1-24)
	CG="$root/ka-$tag-$$"
	mkdir "$CG" || skip "cannot make a cgroup under $root"
	trap cg_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	# A kernel or container that refuses BPF: skipped, not failed.
	if ! out=$("$KA_CMD" --cgroup "$CG" --apply 2>&1); then
		case $out in
		*"no permission"* | *"cannot be loaded"*) skip "BPF refused here: $out" ;;
		esac
		fail "--apply on a new cgroup: $out"
	fi
	"$KA_CMD" --cgroup "$CG" --detach >/dev/null || fail "--detach on a new cgroup"
}

# cg_run DIR COMMAND...: runs COMMAND in the cgroup DIR (a process joins its
# cgroup, then becomes the command: the pid stays).
cg_run() {
	dir=$1
	shift
	sh -c 'echo $$ >"$0/cgroup.procs" && exec "$@"' "$dir" "$@"
}

# cg_bg NS COMMAND...: runs COMMAND in $CG, in the network namespace NS made
# by ns_setup, in the background: the cgroup is joined first, then the
# namespace entered with nsenter (ip netns exec would hide the cgroup2
# mount behind a fresh /sys). NS_LAST is its pid.
cg_bg() {
	ns=$1
	shift
	cg_run "$CG" nsenter --net="/run/netns/$ns" "$@" &
	NS_LAST=$!
	NS_PIDS="$NS_PIDS $NS_LAST"
}

# cg_ours: the number of our programs attached to $CG (bpftool's view).
cg_ours() {
	bpftool cgroup show "$CG" 2>/dev/null | grep -Ec ' ka_(sockops|setsockopt) *$'
}

# cg_pinned: what of ours is pinned for $CG, as file names.
cg_pinned() {
	id=$(stat -c %i "$CG")
	bpffs=$(cg_mount bpf)
	[ -z "$bpffs" ] || ls "$bpffs/keepalive/$id" 2>/dev/null | tr '\n' ' '
}
