# libkeepalive.so: a libtool module without a version suffix, so that
# LD_PRELOAD=libkeepalive.so works after make install.
lib_LTLIBRARIES += src/lib/libkeepalive.la
src_lib_libkeepalive_la_SOURCES = \
	src/lib/hooks.c \
	src/lib/events.c src/lib/events.h \
	src/lib/apply.c src/lib/apply.h \
	src/lib/tcp.c src/lib/tcp.h \
	src/lib/fdstate.c src/lib/fdstate.h \
	src/lib/runtime.c src/lib/runtime.h \
	src/lib/startup.c \
	src/lib/inherit.c src/lib/inherit.h \
	src/lib/environ.c src/lib/environ.h \
	src/lib/activation.c src/lib/activation.h \
	src/lib/setsockopt.c src/lib/setsockopt.h \
	src/lib/log.c src/lib/log.h \
	src/lib/real.c src/lib/real.h
src_lib_libkeepalive_la_CFLAGS = $(AM_CFLAGS) -fvisibility=hidden
src_lib_libkeepalive_la_LDFLAGS = -module -avoid-version -no-undefined \
	-Wl,--version-script=$(srcdir)/src/lib/exports.map $(RODATA_FIRST_LDFLAGS)
EXTRA_src_lib_libkeepalive_la_DEPENDENCIES = src/lib/exports.map src/lib/rodata-first.ld
EXTRA_DIST += src/lib/exports.map src/lib/rodata-first.ld
src_lib_libkeepalive_la_LIBADD = src/common/libkacommon.la

# The .la file is of no use for a preload module.
#
# Installed into the running system (no DESTDIR) as root, the library is put
# in ld.so's cache with $(LDCONFIG), so that the bare name
# LD_PRELOAD=libkeepalive.so finds it at once (libtool runs only ldconfig -n,
# which makes links and leaves the cache alone); a line then says what the
# bare name loads. A staged install (DESTDIR: packages) or another user's
# install leaves the cache to root or to the package manager. Uninstalling
# updates the cache the same way.
ka_ldconfig_wanted = test -z '$(DESTDIR)' && test -n '$(LDCONFIG)' && test "`id -u`" = 0
install-exec-hook:
	rm -f $(DESTDIR)$(libdir)/libkeepalive.la
	@if $(ka_ldconfig_wanted); then \
		echo " $(LDCONFIG)"; $(LDCONFIG) || exit 1; \
		$(SHELL) $(srcdir)/scripts/bare-name '$(libdir)/libkeepalive.so' || :; \
	elif test -z '$(DESTDIR)'; then \
		echo "ld.so's cache not updated (not root, or no ldconfig): preload" \
			"$(libdir)/libkeepalive.so by its absolute path"; \
	fi
uninstall-hook:
	rm -f $(DESTDIR)$(libdir)/libkeepalive.so
	@if $(ka_ldconfig_wanted); then echo " $(LDCONFIG)"; $(LDCONFIG); fi
EXTRA_DIST += scripts/bare-name
