# Dead-peer tests: two hosts in private network namespaces, one whose cable
# is pulled (root only, skipped otherwise): the server, the client, socket
# activation, data in flight, force mode, KEEPALIVE_DETECT, the keepalive
# command, and the control without the library. netns.sh is their shared
# library.
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
	tests/netns/force.sh \
	tests/netns/detect.sh \
	tests/netns/command.sh \
	tests/netns/control.sh
dist_check_SCRIPTS += $(NETNS_TESTS)
TESTS += $(NETNS_TESTS)
EXTRA_DIST += tests/netns/netns.sh tests/netns/delay.py
