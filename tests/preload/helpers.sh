# Sourced by the preload tests, after tests/lib.sh.

# Skips the test unless strace is installed and may trace here.
need_strace() {
	command -v strace >/dev/null 2>&1 || skip "strace is not installed"
	strace -f -o /dev/null true 2>/dev/null || skip "ptrace is not permitted here"
}

# count_between FILE FROM TO: the number of setsockopt and getsockopt calls
# in strace output FILE after the first line containing FROM and before the
# next line containing TO ("unterminated" if either is missing).
count_between() {
	awk -v from="$2" -v to="$3" '
		state == 0 && index($0, from) { state = 1; next }
		state == 1 && index($0, to) { state = 2 }
		state == 1 && /(set|get)sockopt\(/ { n++ }
		END { print (state == 2 ? n + 0 : "unterminated") }' "$1"
}

# lines COUNT TEXT: TEXT on COUNT lines, to build expected output.
lines() {
	i=0
	while [ "$i" -lt "$1" ]; do
		printf '%s\n' "$2"
		i=$((i + 1))
	done
}
