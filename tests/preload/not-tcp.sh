#!/bin/sh
# Sockets that are not TCP are left alone: SO_KEEPALIVE "succeeds" on many
# of them, so the library must not even try. UDP, UNIX stream, datagram and
# seqpacket, socket pairs, raw netlink, and SCTP's stream mode.
. "$KA_SRCDIR/tests/lib.sh"

vars="KEEPALIVE_IDLE=30 KEEPALIVE_DEBUG=2"
for kind in udp4 udp6 unix unixdgram seqpacket netlink sctp; do
	for flag in "" nonblock; do
		if ! "$KA_PROGS/kaprobe" socket $kind >/dev/null 2>&1; then
			echo "$kind: cannot be made here, not checked"
			continue
		fi
		# shellcheck disable=SC2086
		out=$(preload $vars "$KA_PROGS/kaprobe" socket $kind $flag 2>/dev/null) ||
			fail "kaprobe socket $kind $flag failed"
		assert_match "$kind $flag" "^keepalive=0 " "$out"
		# shellcheck disable=SC2086
		log=$(preload $vars "$KA_PROGS/kaprobe" socket $kind $flag 2>&1 >/dev/null)
		assert_eq "$kind $flag: lines logged (settings only)" 1 "$(echo "$log" | grep -c .)"
	done
done

for type in stream dgram seqpacket; do
	# shellcheck disable=SC2086
	out=$(preload $vars "$KA_PROGS/kaprobe" socketpair $type 2>/dev/null) ||
		fail "kaprobe socketpair $type failed"
	assert_eq "socketpair $type" 2 "$(echo "$out" | grep -c '^keepalive=0 ')"
done

# connect() on a UDP socket made through socket() costs no system call either.
need_strace
scratch
trace="$KA_TMP/trace"
strace -f -e trace=setsockopt,getsockopt -o "$trace" \
	env LD_PRELOAD="$KA_PRELOAD" "$KA_PROGS/kaprobe" udpconnect 100 || fail "kaprobe udpconnect failed"
assert_eq "setsockopt/getsockopt for 100 UDP connects" 0 "$(grep -c 'sockopt(' "$trace")"
