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
	tests/preload/debug.sh
dist_check_SCRIPTS += $(preload_tests)
TESTS += $(preload_tests)
EXTRA_DIST += tests/preload/trace.sh

# Helpers the tests above run (see the comment at the top of each).
check_PROGRAMS += tests/progs/kaaccept tests/progs/kalisten tests/progs/kaconnect \
	tests/progs/kaerrno tests/progs/kasockerr
tests_progs_kaaccept_SOURCES = tests/progs/kaaccept.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kalisten_SOURCES = tests/progs/kalisten.c tests/progs/rawnet.c tests/progs/rawnet.h
tests_progs_kaconnect_SOURCES = tests/progs/kaconnect.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kaerrno_SOURCES = tests/progs/kaerrno.c tests/progs/rawnet.c tests/progs/rawnet.h
tests_progs_kasockerr_SOURCES = tests/progs/kasockerr.c tests/progs/rawnet.c tests/progs/rawnet.h
