#!/bin/sh
# --show: the settings a command would get, where each came from, and the
# warnings the library would print; exit 0, nothing run.
. "$KA_SRCDIR/tests/cmd/common.sh"

out=$("$KA_CMD" --show) || fail "--show exited $?"
assert_match "enabled" '^enabled: +on \(default\)$' "$out"
assert_match "idle" '^idle: +60s \(default\)$' "$out"
assert_match "intvl" '^intvl: +10s \(default\)$' "$out"
assert_match "cnt" '^cnt: +6 \(default\)$' "$out"
assert_match "user timeout" '^user timeout: +119000ms, derived as idle \+ intvl x cnt' "$out"
assert_match "debug" '^debug: +0 \(default\)$' "$out"
assert_match "library" "^library: +$KA_LIB \(environment KEEPALIVE_LIBRARY\)$" "$out"
assert_match "LD_PRELOAD" "^LD_PRELOAD: +$KA_LIB$" "$out"

rc=0
out=$(KEEPALIVE_INTVL=5 KEEPALIVE_IDLE=99 KEEPALIVE_CNT=7x "$KA_CMD" --show --idle 30s -v \
	-- touch "$KA_TMP/ran" 2>"$KA_TMP/err") || rc=$?
assert_eq "--show with a bad variable" 125 "$rc"
[ ! -e "$KA_TMP/ran" ] || fail "--show ran the command"
assert_match "option" '^idle: +30s \(option --idle\)$' "$out"
assert_match "environment" '^intvl: +5s \(environment KEEPALIVE_INTVL\)$' "$out"
assert_match "bad variable" '^cnt: +6 \(default\)$' "$out"
assert_eq "message" "keepalive: KEEPALIVE_CNT='7x' is not valid: expected a whole number of probes from 1 to 127" "$(cat "$KA_TMP/err")"
assert_match "derived" '^user timeout: +59000ms, derived as idle \+ intvl x cnt - margin = 30s \+ 5s x 6 - 1000ms' "$out"
assert_match "-v" '^debug: +1 \(option --verbose\)$' "$out"

out=$("$KA_CMD" --show --off -u 0) || fail "--show exited $?"
assert_match "--off" '^enabled: +off \(option --off\)$' "$out"
assert_match "user timeout 0" "^user timeout: +0, the kernel's behaviour \(option --user-timeout\)$" "$out"

# The scope settings and the detection time.
out=$(KEEPALIVE_ROLE=client "$KA_CMD" --show -d 30s -i 10 -p 5432,8000-8100 -m force \
	--no-inherit) || fail "--show exited $?"
assert_match "detect" '^detect: +30s \(option --detect\)$' "$out"
assert_match "idle beside detect" '^idle: +10s \(option --idle\)$' "$out"
assert_match "intvl from detect" \
	'^intvl: +[0-9]+s \(derived from the detection time, option --detect\)$' "$out"
assert_match "user timeout from detect" \
	'^user timeout: +29000ms \(derived from the detection time, option --detect\)$' "$out"
assert_match "mode" '^mode: +force \(option --mode\)$' "$out"
assert_match "role" '^role: +client \(environment KEEPALIVE_ROLE\)$' "$out"
assert_match "ports" '^ports: +5432,8000-8100 \(option --ports\)$' "$out"
assert_match "inherit" '^inherit: +no \(option --no-inherit\)$' "$out"
out=$("$KA_CMD" --show) || fail "--show exited $?"
assert_match "detect unset" '^detect: +unset \(default\)$' "$out"
assert_match "every port" '^ports: +every port \(default\)$' "$out"

# An older shim's variable is named as the source; an option still wins.
out=$(KEEPIDLE=100 DD_TCP_KEEPALIVE_PROBES=4 "$KA_CMD" --show) || fail "--show exited $?"
assert_match "KEEPIDLE" '^idle: +100s \(environment KEEPIDLE\)$' "$out"
assert_match "libdontdie's" '^cnt: +4 \(environment DD_TCP_KEEPALIVE_PROBES\)$' "$out"
out=$(KEEPIDLE=100 "$KA_CMD" --idle 20 "$KA_PROGS/kaprobe" socket tcp4)
assert_match "option over KEEPIDLE" '^keepalive=1 idle=20 ' "$out"

# A user timeout at most idle + intvl x (cnt - 1): the library's warning.
out=$("$KA_CMD" --show -i 30 -u 10s) || fail "--show exited $?"
assert_match "user timeout given" '^user timeout: +10000ms \(option --user-timeout\)$' "$out"
out=$("$KA_CMD" --show -i 30 -u 10s 2>&1 >/dev/null) || fail "--show exited $?"
assert_match "short warning, naming the option" "^keepalive: --user-timeout '10s' is not longer" "$out"

# Bad options are still refused.
assert_eq "--show --idle 0" 125 "$(status "$KA_CMD" --show --idle 0)"

# --show exits as a run would: 125 for a bad variable or an unreadable
# library, with the same message, after the settings.
rc=0
out=$(KEEPALIVE_CNT=x "$KA_CMD" --show 2>"$KA_TMP/err") || rc=$?
assert_eq "--show, bad variable" 125 "$rc"
assert_match "--show, bad variable: settings" '^cnt: +6 \(default\)$' "$out"
assert_match "--show, bad variable: message" "^keepalive: KEEPALIVE_CNT='x' is not valid" \
	"$(cat "$KA_TMP/err")"
rc=0
KEEPALIVE_LIBRARY=/nonexistent/libkeepalive.so "$KA_CMD" --show >/dev/null 2>"$KA_TMP/err" || rc=$?
assert_eq "--show, no library" 125 "$rc"
assert_match "--show, no library: hint" \
	"^keepalive: cannot use the library /nonexistent/libkeepalive.so .*KEEPALIVE_LIBRARY=" \
	"$(cat "$KA_TMP/err")"

# The example in the README is what the command prints (but for the library).
example=$(sed -n '/^\$ KEEPALIVE_CNT=4 keepalive --show --idle 30$/,/^```/p' "$KA_SRCDIR/README.md" |
	sed '1d;$d' | grep -v '^library:\|^version:\|^LD_PRELOAD:')
[ -n "$example" ] || fail "no --show example in README.md"
out=$(KEEPALIVE_CNT=4 "$KA_CMD" --show --idle 30 | grep -v '^library:\|^version:\|^LD_PRELOAD:')
assert_eq "README's --show example" "$example" "$out"
man_example=$(sed -n '/^\$ KEEPALIVE_CNT=4 keepalive \\-\\-show \\-\\-idle 30$/,/^\.EE/p' \
	"$KA_BUILDDIR/doc/keepalive.1" | sed '1d;$d; s/\\-/-/g' | grep -v '^library:\|^version:\|^LD_PRELOAD:')
assert_eq "keepalive.1's --show example" "$example" "$man_example"

# The version of the library it would preload, read from the file.
version=$("$KA_CMD" --version | sed 's/.* //')
assert_match "--show: the library's version" "^version: +$version$" "$("$KA_CMD" --show)"
