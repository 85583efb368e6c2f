#!/bin/sh
# What the features cost when off: a program making, connecting and
# accepting N sockets (kaloop) makes exactly the same system calls, call by
# call count (strace -c), with the defaults as with each feature explicitly
# off (KEEPALIVE_MODE=respect, KEEPALIVE_ROLE=all, KEEPALIVE_PORTS empty,
# KEEPALIVE_INHERIT=yes) and with all of them off at once; and per round of
# sockets, the same as with the C library alone but for the setsockopt calls
# counted. The number of setsockopt and getsockopt calls per socket and per
# accepted connection goes to the log.
. "$KA_SRCDIR/tests/lib.sh"
need_strace

n=20
scratch
tmp=$KA_TMP

# counts NAME VAR=VALUE...: "syscall calls" lines of strace -c, sorted
# (kaloop $n under the preload; $preload and $n may be changed for a call).
preload_value=$KA_PRELOAD
counts() {
	name=$1
	shift
	strace -f -c -o "$tmp/$name.c" env ${preload_value:+LD_PRELOAD="$preload_value"} "$@" \
		"$KA_PROGS/kaloop" "$n" >/dev/null || fail "kaloop under strace ($*) failed"
	# Columns: % time, seconds, usecs/call, calls, [errors,] syscall.
	awk '$1 ~ /^[0-9.]+$/ && $NF != "total" { print $NF, $4 }' "$tmp/$name.c" | sort
}

default=$(counts default)
assert_match "strace -c output" "^setsockopt [0-9]+$" "$default"
for off in KEEPALIVE_MODE=respect KEEPALIVE_ROLE=all KEEPALIVE_PORTS= KEEPALIVE_INHERIT=yes \
	"KEEPALIVE_MODE=respect KEEPALIVE_ROLE=all KEEPALIVE_PORTS= KEEPALIVE_INHERIT=yes"; do
	# shellcheck disable=SC2086
	got=$(counts off $off)
	[ "$got" = "$default" ] || fail "system calls differ with $off:
$(printf '%s\n' "$default" >"$tmp/a"; printf '%s\n' "$got" >"$tmp/b"; diff "$tmp/a" "$tmp/b")"
	echo "same system calls with $off"
done
# The comparison sees a difference: a port filter that takes every port
# configures client sockets at connect(), sockets never connected not at all.
on=$(counts on KEEPALIVE_PORTS=1-65535)
[ "$on" != "$default" ] || fail "strace -c shows no difference with a port filter on"
echo "with KEEPALIVE_PORTS=1-65535: $(printf '%s\n' "$on" | grep -E '^(setsockopt|getsockopt|getsockname) ' | tr '\n' ' ')"
echo "system calls of kaloop $n (socket, connect, accept, foreign accept, $n each), defaults:"
printf '%s\n' "$default" | grep -E '^(socket|connect|accept|accept4|setsockopt|getsockopt|getsockname) ' |
	sed 's/^/  /'

# Per phase, setsockopt and getsockopt calls (default settings).
strace -f -o "$tmp/trace" -e trace=setsockopt,getsockopt,write env LD_PRELOAD="$KA_PRELOAD" \
	"$KA_PROGS/kaloop" "$n" >/dev/null || fail "kaloop under strace failed"
# phase WHAT FROM TO SET GET: SET setsockopt and GET getsockopt calls there.
phase() {
	set_n=$(count_calls "$tmp/trace" "$2" "$3" 'setsockopt\(')
	get_n=$(count_calls "$tmp/trace" "$2" "$3" 'getsockopt\(')
	echo "$1: $set_n setsockopt, $get_n getsockopt for $n"
	assert_eq "$1: setsockopt calls for $n" "$4" "$set_n"
	assert_eq "$1: getsockopt calls for $n" "$5" "$get_n"
}
phase "socket()" "mark start" "mark socket" $((5 * n)) 0
phase "socket() + connect()" "mark listener" "mark connect" $((5 * n)) 0
phase "accept() on our listener" "mark own" "mark accept" 0 0
# A listener made behind the library's back: at the first accept() the
# library reads its SO_DOMAIN, SO_TYPE, SO_PROTOCOL and SO_KEEPALIVE and the
# connection's SO_KEEPALIVE, and configures both (5 + 5); the next connection
# inherited ours, which one more SO_KEEPALIVE read shows; from there on,
# nothing.
phase "accept() on a listener made behind our back" "mark raw" "mark foreign" 10 6

# Against the C library alone: what each further round of sockets costs, the
# difference between $n and 2 x $n rounds (start-up, which loads one more
# library, cancels out). Every system call but setsockopt and getsockopt
# must be the same; those are the 10 per round counted above (5 at socket(),
# 5 at socket() + connect()) and the few of the first foreign accepts.
per_round() { # per_round NAME: "syscall calls" added by rounds $n+1..2n
	first=$(counts "$1-1")
	n=$((n * 2))
	second=$(counts "$1-2")
	n=$((n / 2))
	printf '%s\n' "$first" >"$tmp/$1-1.txt"
	printf '%s\n' "$second" | awk 'NR == FNR { c[$1] = $2; next } { print $1, $2 - c[$1] }' \
		"$tmp/$1-1.txt" - | awk '$2 != 0' | sort
}
ours=$(per_round ours)
preload_value=""
bare=$(per_round bare)
strip() { printf '%s\n' "$1" | grep -Ev '^(setsockopt|getsockopt) '; }
[ "$(strip "$ours")" = "$(strip "$bare")" ] || fail "system calls per round differ from the C library's:
ours: $(strip "$ours" | tr '\n' ' ')
bare: $(strip "$bare" | tr '\n' ' ')"
assert_eq "setsockopt added by $n rounds" "setsockopt $((10 * n))" \
	"$(printf '%s\n' "$ours" | grep '^setsockopt ' || echo 'setsockopt 0')"
echo "per $n rounds, beside the C library's own calls: $(printf '%s\n' "$ours" |
	grep -E '^(setsockopt|getsockopt) ' | tr '\n' ' ')"
