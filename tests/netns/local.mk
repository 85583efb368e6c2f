# Dead-peer tests: two hosts in private network namespaces, one whose cable
# is pulled (root only, skipped otherwise). netns.sh is their shared library.
NETNS_TESTS = \
	tests/netns/server-ipv4.sh \
	tests/netns/server-ipv6.sh \
	tests/netns/client.sh \
	tests/netns/socket-activation.sh \
	tests/netns/in-flight.sh \
	tests/netns/in-flight-write.sh \
	tests/netns/in-flight-rtt50.sh \
	tests/netns/in-flight-rtt200.sh \
	tests/netns/connecting.sh \
	tests/netns/peer-rebooted.sh \
	tests/netns/control.sh
dist_check_SCRIPTS += $(NETNS_TESTS)
TESTS += $(NETNS_TESTS)
EXTRA_DIST += tests/netns/netns.sh tests/netns/delay.py
