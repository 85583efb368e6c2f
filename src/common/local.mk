# The settings, their parser and the policy: pure code (no system calls, no
# allocation) shared by the library, the keepalive command and the tests. Hidden visibility, so that nothing of it is exported from the
# preload library.
noinst_LTLIBRARIES += src/common/libkacommon.la
src_common_libkacommon_la_SOURCES = \
	src/common/settings.h \
	src/common/settings.c \
	src/common/parse.c src/common/parse.h \
	src/common/messages.c src/common/messages.h \
	src/common/ports.c src/common/ports.h \
	src/common/detect.c src/common/detect.h \
	src/common/sockopts.c src/common/sockopts.h \
	src/common/decide.c src/common/decide.h \
	src/common/bpfsettings.c src/common/bpfsettings.h src/common/bpfrule.h
src_common_libkacommon_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
