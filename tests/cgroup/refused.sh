#!/bin/sh
# A program the kernel's verifier refuses, for a real reason (a map value
# read without checking the lookup against NULL: tests/progs/refused.bpf.c),
# told as keepalive --cgroup --apply tells a refusal, by the same code
# (src/bin/bpflog.c): one line, the verifier's own point, not its statistics,
# and not taken for a lack of permission (the verifier refuses with EACCES).
. "$KA_SRCDIR/tests/cmd/common.sh"
. "$KA_SRCDIR/tests/cgroup/cgroup.sh"

# Where keepalive's own programs load (so permission is there, and a "no
# permission" from the helper is a failure): the kernel accepts ours and
# refuses this one.
cg_setup refused
[ -x "$KA_PROGS/karefused" ] || fail "$KA_PROGS/karefused is not built"

"$KA_PROGS/karefused" >"$KA_TMP/out" 2>"$KA_TMP/err" && got=0 || got=$?
err=$(cat "$KA_TMP/err")
# On a failure, the whole of libbpf's messages, for the log.
[ "$got" = 1 ] && [ "$(wc -l <"$KA_TMP/err")" = 1 ] || "$KA_PROGS/karefused" -v >&2
assert_eq "exit status" 1 "$got"
assert_eq "lines on stderr" 1 "$(wc -l <"$KA_TMP/err")"
[ ! -s "$KA_TMP/out" ] || fail "wrote to stdout: $(cat "$KA_TMP/out")"
assert_match "the verifier's point" \
	"^karefused: the BPF programs cannot be loaded: R[0-9]+ invalid mem access 'map_value_or_null'\$" \
	"$err"
case $err in
*"processed "*" insns"* | *"no permission"*) fail "not the point: $err" ;;
esac
