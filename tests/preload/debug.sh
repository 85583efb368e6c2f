#!/bin/sh
# KEEPALIVE_DEBUG=1 prints the effective settings once; 2 also prints one
# line per socket the library configured; 0 or unset prints nothing.
. "$KA_SRCDIR/tests/lib.sh"

scratch
err="$KA_TMP/err"
settings="^${KA_FROM}idle=60s intvl=10s cnt=6 user_timeout=119000ms"

for level in "" 0; do
	preload KEEPALIVE_DEBUG=$level "$KA_PROGS/kaprobe" pair >/dev/null 2>"$err" || fail "kaprobe failed"
	assert_eq "debug '$level': lines" 0 "$(wc -l <"$err")"
done

preload KEEPALIVE_DEBUG=1 "$KA_PROGS/kaprobe" pair >/dev/null 2>"$err" || fail "kaprobe failed"
assert_eq "debug 1: lines" 1 "$(wc -l <"$err")"
assert_match "debug 1: settings" "$settings" "$(cat "$err")"

preload KEEPALIVE_DEBUG=1 KEEPALIVE=off "$KA_PROGS/kaprobe" pair >/dev/null 2>"$err" || fail "kaprobe failed"
assert_match "debug 1, off" "^${KA_FROM}off \(libkeepalive [0-9]+\.[0-9]+\.[0-9]+, $KA_LIB\)$" \
	"$(cat "$err")"

# The library names its version and its file: LD_PRELOAD=libkeepalive.so
# may find another one first. strings(1) finds the version too.
version=$(sed -n 's/^AC_INIT(\[libkeepalive\], \[\([^]]*\)\].*/\1/p' "$KA_SRCDIR/configure.ac")
preload KEEPALIVE_DEBUG=1 "$KA_PROGS/kaprobe" pair >/dev/null 2>"$err" || fail "kaprobe failed"
assert_match "debug 1: version and file" " \(libkeepalive $version, $KA_LIB\)$" "$(cat "$err")"
if command -v strings >/dev/null 2>&1; then
	strings "$KA_LIB" | grep -qx "libkeepalive $version" || fail "strings does not find the version"
fi

# kaprobe pair: the listener and the client are configured at socket(); the
# accepted connection inherits from the listener and is not reported.
preload KEEPALIVE_DEBUG=2 "$KA_PROGS/kaprobe" pair >/dev/null 2>"$err" || fail "kaprobe failed"
assert_eq "debug 2: lines" 3 "$(wc -l <"$err")"
assert_match "debug 2: settings first" "$settings" "$(head -n 1 "$err")"
assert_eq "debug 2: sockets" 2 "$(grep -Ec "^${KA_FROM}fd [0-9]+: configured at socket\(\)" "$err")"

# A listener passed in with 2 queued connections: both, and the listener.
"$KA_PROGS/kalisten" -q 2 env LD_PRELOAD="$KA_PRELOAD" KEEPALIVE_DEBUG=2 \
	"$KA_PROGS/kaaccept" accept 2 >/dev/null 2>"$err" || fail "kaaccept failed"
assert_eq "debug 2, foreign listener: lines" 4 "$(wc -l <"$err")"
assert_eq "debug 2, foreign listener: configured" 3 "$(grep -c ': configured at ' "$err")"
assert_eq "debug 2, foreign listener: listener" 1 "$(grep -Ec "^${KA_FROM}fd 3: configured" "$err")"

# Every line names its process, "libkeepalive[PID NAME]": a launcher that
# execs the program (rawenv, built with the same C library as the library)
# gives two lines with one pid and two names.
preload KEEPALIVE_DEBUG=1 "$KA_BUILDDIR/tests/hostile/rawenv" X=1 -- "$KA_PROGS/kaprobe" pair \
	>/dev/null 2>"$err" || fail "rawenv + kaprobe failed"
assert_match "debug 1: the launcher's line" "^libkeepalive\[[0-9]+ rawenv\]: idle=60s" \
	"$(sed -n 1p "$err")"
assert_match "debug 1: the program's line" "^libkeepalive\[[0-9]+ kaprobe\]: idle=60s" \
	"$(sed -n 2p "$err")"
assert_eq "debug 1: one pid" 1 "$(sed 's/^libkeepalive\[\([0-9]*\) .*/\1/' "$err" | sort -u | wc -l)"

# A socket a filter left alone: which filter, and the port or side that
# put the socket outside it.
port=$(free_port)
preload KEEPALIVE_DEBUG=2 KEEPALIVE_PORTS=1-2,7 "$KA_PROGS/kaprobe" pair "$port" >/dev/null 2>"$err" ||
	fail "kaprobe failed"
assert_match "debug 2: the client outside the ports" \
	"fd [0-9]+: connect\(\): left alone: remote port $port, outside KEEPALIVE_PORTS=1-2,7$" \
	"$(cat "$err")"
assert_match "debug 2: the listener outside the ports" \
	"fd [0-9]+: listener, with its connections: left alone: local port $port, outside KEEPALIVE_PORTS=1-2,7$" \
	"$(cat "$err")"
preload KEEPALIVE_DEBUG=2 KEEPALIVE_ROLE=server "$KA_PROGS/kaprobe" pair >/dev/null 2>"$err" ||
	fail "kaprobe failed"
assert_match "debug 2: the client outside the role" \
	"fd [0-9]+: connect\(\): left alone: a client socket, outside KEEPALIVE_ROLE=server$" \
	"$(cat "$err")"
