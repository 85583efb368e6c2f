#!/bin/sh
# The recipes of the README (doc/recipes/), tried as far as this machine
# allows: each is in the README verbatim; the systemd drop-ins pass
# systemd-analyze verify and their settings reach a program; the pod's
# variables reach a program; the start script runs the server through the
# command. The Dockerfile is only checked against what make install installs.
. "$KA_SRCDIR/tests/cmd/common.sh"

recipes="$KA_SRCDIR/doc/recipes"
readme=$(cat "$KA_SRCDIR/README.md")
for recipe in keepalive-environment.conf keepalive-command.conf keepalive-cgroup.conf Dockerfile \
	pod.yaml daemonset.yaml start-server; do
	text=$(cat "$recipes/$recipe") || fail "doc/recipes/$recipe is missing"
	case $readme in
	*"$text"*) ;;
	*) fail "README.md does not hold doc/recipes/$recipe as it is" ;;
	esac
done

expected="keepalive=1 idle=30 intvl=5 cnt=3 user_timeout=44000"
probe="$KA_PROGS/kaprobe socket tcp4"

# The installed paths, pointed at the build tree.
localize() {
	sed -e "s|/usr/local/lib/libkeepalive.so|$KA_LIB|g" \
		-e "s|/usr/local/bin/keepalive|$KA_CMD|g" \
		-e "s|/usr/local/bin/server --port 8080|$probe|g" "$1"
}

# systemd: the drop-ins beside a unit, verified when systemd-analyze works here.
units="$KA_TMP/units"
mkdir -p "$units/server.service.d"
printf '[Unit]\nDescription=server\n\n[Service]\nExecStart=%s\n' "$KA_PROGS/kaprobe" \
	>"$units/server.service"
if command -v systemd-analyze >/dev/null 2>&1 &&
	systemd-analyze verify "$units/server.service" >/dev/null 2>&1; then
	for dropin in keepalive-environment.conf keepalive-command.conf keepalive-cgroup.conf; do
		localize "$recipes/$dropin" >"$units/server.service.d/keepalive.conf"
		out=$(systemd-analyze verify "$units/server.service" 2>&1) ||
			fail "systemd-analyze verify with $dropin: $out"
		assert_eq "systemd-analyze verify with $dropin" "" "$out"
	done
else
	echo "systemd-analyze verify does not work here: drop-ins not verified"
fi

# The Environment= lines, as systemd would pass them (no quotes in them).
words=$(localize "$recipes/keepalive-environment.conf" | sed -n 's/^Environment=//p')
# shellcheck disable=SC2086
assert_eq "Environment= drop-in" "$expected" "$(env $words $probe)"

# The ExecStart= line, run as systemd would run it (words split at blanks).
line=$(localize "$recipes/keepalive-command.conf" | sed -n 's/^ExecStart=\(..*\)/\1/p')
# shellcheck disable=SC2086
assert_eq "ExecStart= drop-in" "$expected" "$($line)"

# The pod's env: pairs of "- name:" and "value:" lines.
words=$(localize "$recipes/pod.yaml" | awk '
	$1 == "-" && $2 == "name:" { name = $3 }
	$1 == "value:" { v = $2; gsub(/"/, "", v); printf "%s=%s ", name, v }')
err="$KA_TMP/pod.err"
# shellcheck disable=SC2086
assert_eq "pod env" "$expected" "$(env $words $probe 2>"$err")"
assert_eq "pod env: no warnings" "" "$(cat "$err")"

# The start script: the command found on PATH, ./server beside the script.
mkdir "$KA_TMP/app" "$KA_TMP/bin"
cp "$recipes/start-server" "$KA_TMP/app/"
ln -s "$KA_PROGS/kaprobe" "$KA_TMP/app/server"
ln -s "$KA_CMD" "$KA_TMP/bin/keepalive"
out=$(PATH="$KA_TMP/bin:$PATH" "$KA_TMP/app/start-server" socket tcp4) ||
	fail "start-server exited $?"
assert_eq "start-server" "$expected" "$out"

# The Dockerfile copies what make install puts under the default prefix.
grep -q '^RUN autoreconf -fi && ./configure && make && make install$' "$recipes/Dockerfile" ||
	fail "the Dockerfile does not build as the README's quick start does"
for path in $(sed -n 's/^COPY --from=build \([^ ]*\) .*/\1/p' "$recipes/Dockerfile"); do
	case $path in
	/usr/local/lib/libkeepalive.so | /usr/local/bin/keepalive) ;;
	*) fail "the Dockerfile copies $path, which make install does not install" ;;
	esac
done
