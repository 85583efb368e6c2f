# The helper programs and libraries the shell tests run under the preload
# (see the comment at the top of each source). rawnet makes sockets and
# connections without the C library's calls, sockopts reads the five options.
check_PROGRAMS += \
	tests/progs/kaprobe \
	tests/progs/kaaccept \
	tests/progs/kalisten \
	tests/progs/kaconnect \
	tests/progs/kaerrno \
	tests/progs/kasockerr \
	tests/progs/kathreads \
	tests/progs/kactor \
	tests/progs/kaforce \
	tests/progs/kaloop
tests_progs_kaprobe_SOURCES = tests/progs/kaprobe.c tests/progs/sockopts.c tests/progs/sockopts.h
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
tests_progs_kaforce_SOURCES = tests/progs/kaforce.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kaloop_SOURCES = tests/progs/kaloop.c tests/progs/rawnet.c tests/progs/rawnet.h

# A test library (not installed) whose constructor makes sockets, and a
# program linked against it.
check_LTLIBRARIES += tests/progs/libctor.la
tests_progs_libctor_la_SOURCES = tests/progs/libctor.c tests/progs/sockopts.c tests/progs/sockopts.h
# Own CFLAGS: its objects are libtool objects, named apart from the programs'.
tests_progs_libctor_la_CFLAGS = $(AM_CFLAGS)
# Not -module: kactor links against it, which libtool warns about for modules.
tests_progs_libctor_la_LDFLAGS = -rpath /nowhere -avoid-version
tests_progs_kactor_SOURCES = tests/progs/kactor.c
tests_progs_kactor_LDADD = tests/progs/libctor.la

# Another preload library, which does nothing: it must stay in LD_PRELOAD.
check_LTLIBRARIES += tests/progs/libkanoop.la
tests_progs_libkanoop_la_SOURCES = tests/progs/kanoop.c
tests_progs_libkanoop_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
