# Sourced by the features tests, after tests/lib.sh.

# count_calls FILE FROM TO PATTERN: the number of lines matching PATTERN (an
# awk regular expression) in strace output FILE after the first line
# containing FROM and before the next line containing TO ("unterminated" if
# either is missing).
count_calls() {
	awk -v from="$2" -v to="$3" -v pat="$4" '
		state == 0 && index($0, from) { state = 1; next }
		state == 1 && index($0, to) { state = 2 }
		state == 1 && $0 ~ pat { n++ }
		END { print (state == 2 ? n + 0 : "unterminated") }' "$1"
}

# free_port: a TCP port free on 127.0.0.1 just now (python3 needed), taken
# below the ephemeral range (20000-29999), so that no connect() of a test
# running beside this one can be given it as its local port meanwhile.
free_port() {
	python3 -c '
import random, socket
for _ in range(1000):
    port = random.randrange(20000, 30000)
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", port))
    except OSError:
        continue
    print(port)
    break'
}
