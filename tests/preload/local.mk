# Programs run under the preload on loopback; no privileges needed.
preload_tests = \
	tests/preload/basic.sh \
	tests/preload/new-sockets.sh \
	tests/preload/own-listener.sh \
	tests/preload/foreign-listener.sh \
	tests/preload/connect.sh \
	tests/preload/not-tcp.sh \
	tests/preload/program-wins.sh \
	tests/preload/disabled.sh \
	tests/preload/errno.sh \
	tests/preload/bad-variables.sh \
	tests/preload/debug.sh \
	tests/preload/threads.sh \
	tests/preload/constructors.sh \
	tests/preload/symbols.sh \
	tests/preload/reused-number.sh
dist_check_SCRIPTS += $(preload_tests)
TESTS += $(preload_tests)
