# libkeepalive.so: a libtool module without a version suffix, so that
# LD_PRELOAD=libkeepalive.so works after make install.
lib_LTLIBRARIES += src/lib/libkeepalive.la
src_lib_libkeepalive_la_SOURCES = \
	src/lib/hooks.c \
	src/lib/policy.c src/lib/policy.h \
	src/lib/tcp.c src/lib/tcp.h \
	src/lib/fdstate.c src/lib/fdstate.h \
	src/lib/runtime.c src/lib/runtime.h \
	src/lib/startup.c src/lib/startup.h \
	src/lib/inherit.c \
	src/lib/environ.c src/lib/environ.h \
	src/lib/activation.c \
	src/lib/scope.c src/lib/scope.h \
	src/lib/setsockopt.c \
	src/lib/log.c src/lib/log.h \
	src/lib/real.c src/lib/real.h
src_lib_libkeepalive_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
src_lib_libkeepalive_la_LDFLAGS = -module -avoid-version -no-undefined \
	-Wl,--version-script=$(srcdir)/src/lib/exports.map
EXTRA_src_lib_libkeepalive_la_DEPENDENCIES = src/lib/exports.map
EXTRA_DIST += src/lib/exports.map
src_lib_libkeepalive_la_LIBADD = src/common/libkacommon.la

# The .la file is of no use for a preload module.
install-exec-hook:
	rm -f $(DESTDIR)$(libdir)/libkeepalive.la
uninstall-hook:
	rm -f $(DESTDIR)$(libdir)/libkeepalive.so
