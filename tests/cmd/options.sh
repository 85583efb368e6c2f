#!/bin/sh
# Every option reaches the command's sockets; options override the variables.
. "$KA_SRCDIR/tests/cmd/common.sh"

probe() {
	"$KA_CMD" "$@" -- "$KA_PROGS/kaprobe" socket tcp4 || fail "keepalive $* exited $?"
}

assert_eq "defaults" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=119000" "$(probe)"
assert_eq "--idle" "keepalive=1 idle=30 intvl=10 cnt=6 user_timeout=89000" "$(probe --idle 30)"
assert_eq "-i" "keepalive=1 idle=90 intvl=10 cnt=6 user_timeout=149000" "$(probe -i 1m30s)"
assert_eq "--intvl" "keepalive=1 idle=60 intvl=5 cnt=6 user_timeout=89000" "$(probe --intvl=5s)"
assert_eq "-I" "keepalive=1 idle=60 intvl=2 cnt=6 user_timeout=71000" "$(probe -I 2)"
assert_eq "--cnt" "keepalive=1 idle=60 intvl=10 cnt=3 user_timeout=89000" "$(probe --cnt 3)"
assert_eq "-c" "keepalive=1 idle=60 intvl=10 cnt=127 user_timeout=1329000" "$(probe -c127)"
assert_eq "--user-timeout" "keepalive=1 idle=10 intvl=5 cnt=2 user_timeout=25000" \
	"$(probe --idle 10 --intvl 5 --cnt 2 --user-timeout 25s)"
assert_eq "-u 0" "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=0" "$(probe -u 0)"
assert_eq "all short" "keepalive=1 idle=30 intvl=5 cnt=4 user_timeout=49000" \
	"$(probe -i 30 -I 5 -c 4)"

# --detect: the timers not given, and the user timeout, from one time.
out=$(probe --detect 30s)
idle=$(printf '%s\n' "$out" | sed 's/.* idle=\([0-9]*\) intvl=\([0-9]*\) cnt=\([0-9]*\) .*/\1+\2*\3/')
assert_eq "--detect: idle + intvl x cnt" 30 "$(($idle))"
assert_match "--detect: user timeout" ' user_timeout=29000$' "$out"
assert_match "-d with --idle" '^keepalive=1 idle=10 .* user_timeout=19000$' "$(probe -d 20 --idle 10)"

# --role and --ports: which sockets (kaprobe pair: listener, client, accepted).
pair() {
	"$KA_CMD" "$@" -- "$KA_PROGS/kaprobe" pair | sed 's/ idle=.*//' | tr '\n' ' '
}
assert_eq "--role client" "listener keepalive=0 client keepalive=1 accepted keepalive=0 " \
	"$(pair --role client)"
assert_eq "-r server" "listener keepalive=1 client keepalive=0 accepted keepalive=1 " \
	"$(pair -r server)"
assert_eq "--ports elsewhere" "listener keepalive=0 client keepalive=0 accepted keepalive=0 " \
	"$(pair --ports 1-9)"
assert_eq "-p all" "listener keepalive=1 client keepalive=1 accepted keepalive=1 " \
	"$(pair -p 1-65535)"

# --mode: the variable reaches the command (tests/preload test its effect).
assert_eq "--mode force" force "$("$KA_CMD" --mode force printenv KEEPALIVE_MODE)"
assert_eq "-m respect" respect "$("$KA_CMD" -m respect printenv KEEPALIVE_MODE)"

# --no-inherit: COMMAND has keepalive, a program it starts does not, even
# with an older KEEPALIVE_PID in the environment.
assert_match "--no-inherit" '^keepalive=1 ' "$(KEEPALIVE_PID=1 probe --no-inherit)"
out=$("$KA_CMD" --no-inherit sh -c '"$1" socket tcp4; :' sh "$KA_PROGS/kaprobe")
assert_match "--no-inherit child" '^keepalive=0 ' "$out"
out=$("$KA_CMD" sh -c '"$1" socket tcp4; :' sh "$KA_PROGS/kaprobe")
assert_match "inherited by a child" '^keepalive=1 ' "$out"

# --off: the library is loaded and leaves the socket alone.
assert_match "--off" '^keepalive=0 ' "$(probe --off --idle 30)"

# Options override the environment; variables without an option stay.
out=$(KEEPALIVE_IDLE=100 KEEPALIVE_CNT=2 "$KA_CMD" --idle 20 "$KA_PROGS/kaprobe" socket tcp4)
assert_eq "option over variable" "keepalive=1 idle=20 intvl=10 cnt=2 user_timeout=39000" "$out"
out=$(KEEPALIVE=off "$KA_CMD" --idle 20 "$KA_PROGS/kaprobe" socket tcp4)
assert_match "KEEPALIVE=off kept" '^keepalive=0 ' "$out"
# The variables themselves are what the command sees.
out=$("$KA_CMD" -i 45 -I 15 -c 5 -u 2m --off -v -d 3m -m force -r client -p 80,443 --no-inherit env)
for want in KEEPALIVE_IDLE=45 KEEPALIVE_INTVL=15 KEEPALIVE_CNT=5 KEEPALIVE_USER_TIMEOUT=2m \
	KEEPALIVE=off KEEPALIVE_DEBUG=1 KEEPALIVE_DETECT=3m KEEPALIVE_MODE=force \
	KEEPALIVE_ROLE=client KEEPALIVE_PORTS=80,443 KEEPALIVE_INHERIT=no; do
	printf '%s\n' "$out" | grep -qx -- "$want" || fail "env lacks $want"
done

# -v: the library prints its settings; -vv also one line per socket.
err=$("$KA_CMD" -v --idle 30 "$KA_PROGS/kaprobe" socket tcp4 2>&1 >/dev/null)
assert_match "-v" "^${KA_FROM}idle=30s intvl=10s cnt=6" "$err"
err=$("$KA_CMD" -vv "$KA_PROGS/kaprobe" socket tcp4 2>&1 >/dev/null)
[ "$(printf '%s\n' "$err" | grep -Ec "^$KA_FROM")" -ge 2 ] ||
	fail "-vv: expected a line per socket, got '$err'"
assert_match "-vvv stays at 2" '(^|[^0-9])2$' "$("$KA_CMD" -vvv printenv KEEPALIVE_DEBUG)"

# The command's own options are its own ("+": no permutation).
assert_eq "command options" "-i 5 --idle 7" "$("$KA_CMD" -i 9 echo -i 5 --idle 7)"
