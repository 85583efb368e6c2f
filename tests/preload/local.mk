# Programs run under the preload on loopback; no privileges needed.
preload_tests = \
	tests/preload/basic.sh \
	tests/preload/new-sockets.sh \
	tests/preload/own-listener.sh \
	tests/preload/foreign-listener.sh
dist_check_SCRIPTS += $(preload_tests)
TESTS += $(preload_tests)
EXTRA_DIST += tests/preload/trace.sh

# Helpers the tests above run (see the comment at the top of each).
check_PROGRAMS += tests/progs/kaaccept tests/progs/kalisten
tests_progs_kaaccept_SOURCES = tests/progs/kaaccept.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kalisten_SOURCES = tests/progs/kalisten.c tests/progs/rawnet.c tests/progs/rawnet.h
