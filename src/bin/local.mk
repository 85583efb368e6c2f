# The keepalive command: runs a program with the library preloaded. It links
# only the settings parser (a static convenience library), so the build tree
# holds the real binary, which finds the uninstalled library through
# KEEPALIVE_LIBRARY (see tests/cmd/common.sh).
bin_PROGRAMS += src/bin/keepalive
src_bin_keepalive_SOURCES = \
	src/bin/keepalive.c \
	src/bin/environment.c src/bin/environment.h \
	src/bin/options.c src/bin/options.h \
	src/bin/preload.c src/bin/preload.h \
	src/bin/reach.c src/bin/reach.h \
	src/bin/show.c src/bin/show.h \
	src/bin/pidcmd.c src/bin/pidcmd.h \
	src/bin/procs.c src/bin/procs.h \
	src/bin/procfd.c src/bin/procfd.h \
	src/bin/sockdiag.c src/bin/sockdiag.h \
	src/bin/report.c src/bin/report.h \
	src/bin/cgroupcmd.c src/bin/cgroup.h \
	src/bin/mountinfo.c src/bin/mountinfo.h
src_bin_keepalive_CPPFLAGS = $(AM_CPPFLAGS) -DKA_LIBDIR='"$(libdir)"'
src_bin_keepalive_LDADD = src/common/libkacommon.la
if HAVE_BPF
src_bin_keepalive_SOURCES += src/bin/cgroup.c src/bin/cgroupshow.c src/bin/cgroupbpf.h \
	src/bin/bpflog.c src/bin/bpflog.h
nodist_src_bin_keepalive_SOURCES = src/bpf/keepalive.skel.h
src_bin_keepalive_CPPFLAGS += -I$(top_builddir)/src/bpf $(LIBBPF_CFLAGS)
src_bin_keepalive_LDADD += $(LIBBPF_LIBS)
else
EXTRA_DIST += src/bin/cgroup.c src/bin/cgroupshow.c src/bin/cgroupbpf.h \
	src/bin/bpflog.c src/bin/bpflog.h
endif

# The bash completion (its options come from keepalive --help), installed as
# $(bashcompletiondir)/keepalive where bash-completion loads it on first use.
dist_bashcompletion_DATA = src/bin/completion/keepalive
