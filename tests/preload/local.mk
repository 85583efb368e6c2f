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
EXTRA_DIST += tests/preload/helpers.sh

# Helpers the tests above run (see the comment at the top of each).
check_PROGRAMS += tests/progs/kaaccept tests/progs/kalisten tests/progs/kaconnect \
	tests/progs/kaerrno tests/progs/kasockerr tests/progs/kathreads tests/progs/kactor
check_LTLIBRARIES += tests/progs/libctor.la
tests_progs_kaaccept_SOURCES = tests/progs/kaaccept.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kalisten_SOURCES = tests/progs/kalisten.c tests/progs/rawnet.c tests/progs/rawnet.h
tests_progs_kaconnect_SOURCES = tests/progs/kaconnect.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kaerrno_SOURCES = tests/progs/kaerrno.c tests/progs/rawnet.c tests/progs/rawnet.h
tests_progs_kasockerr_SOURCES = tests/progs/kasockerr.c tests/progs/rawnet.c tests/progs/rawnet.h
tests_progs_kathreads_SOURCES = tests/progs/kathreads.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kathreads_CFLAGS = $(AM_CFLAGS) -pthread
tests_progs_kathreads_LDFLAGS = -pthread
# A test library (not installed) and a program linked against it.
tests_progs_libctor_la_SOURCES = tests/progs/libctor.c tests/progs/sockopts.c tests/progs/sockopts.h
# Own CFLAGS: its objects are libtool objects, named apart from the programs'.
tests_progs_libctor_la_CFLAGS = $(AM_CFLAGS)
# Not -module: kactor links against it, which libtool warns about for modules.
tests_progs_libctor_la_LDFLAGS = -rpath /nowhere -avoid-version
tests_progs_kactor_SOURCES = tests/progs/kactor.c
tests_progs_kactor_LDADD = tests/progs/libctor.la
