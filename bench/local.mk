# Benchmarks: `make bench` (not part of make check). Measures the library
# against the bare C library and the preload libraries Debian packages, and
# writes bench/results.md. Root is needed for the network-namespace part and
# for installing what is missing (bench/setup); without root those are skipped.
EXTRA_PROGRAMS = bench/sockloop bench/spawnloop bench/rss bench/deadpeer bench/pidfloor
bench_sockloop_SOURCES = bench/sockloop.c bench/util.c bench/util.h
bench_spawnloop_SOURCES = bench/spawnloop.c bench/util.c bench/util.h
bench_rss_SOURCES = bench/rss.c bench/util.c bench/util.h
bench_deadpeer_SOURCES = bench/deadpeer.c bench/util.c bench/util.h
bench_pidfloor_SOURCES = bench/pidfloor.c bench/util.c bench/util.h
bench_programs = bench/sockloop$(EXEEXT) bench/spawnloop$(EXEEXT) \
	bench/rss$(EXEEXT) bench/deadpeer$(EXEEXT) bench/pidfloor$(EXEEXT)
CLEANFILES += $(bench_programs) bench/libempty.so
EXTRA_DIST += bench/setup bench/run.sh bench/detect.sh bench/nginx.sh bench/pid.sh bench/results.md \
	bench/empty.c

# The floor of start-up: a preload library with nothing in it.
bench/libempty.so: bench/empty.c
	$(CC) $(CFLAGS) -shared -fPIC -o $@ $(srcdir)/bench/empty.c

bench: all $(bench_programs) bench/libempty.so
	$(SHELL) $(srcdir)/bench/setup
	KA_LIB='$(abs_top_builddir)/src/lib/.libs/libkeepalive.so' \
	BENCH_PROGS='$(abs_top_builddir)/bench' \
	BENCH_EMPTY='$(abs_top_builddir)/bench/libempty.so' \
	KA_DELAY='$(abs_top_srcdir)/tests/netns/delay.py' \
	BENCH_RESULTS='$(abs_top_srcdir)/bench/results.md' \
	bash $(srcdir)/bench/run.sh

# keepalive --pid --apply on 10,000 connections (bench/pid.sh): also alone.
bench-pid: all bench/pidfloor$(EXEEXT) tests/progs/kapidserver$(EXEEXT)
	KA_CMD='$(abs_top_builddir)/src/bin/keepalive' \
	KA_PIDHELPER='$(abs_top_builddir)/tests/progs/kapidserver' \
	BENCH_PROGS='$(abs_top_builddir)/bench' \
	bash $(srcdir)/bench/pid.sh
bench: bench-pid
.PHONY: bench bench-pid

# keepalive --cgroup against bare, the library and other BPF hooks (root, BPF).
EXTRA_DIST += bench/cgroup.sh bench/cgroup-alt.bpf.c
bench-cgroup: all bench/sockloop$(EXEEXT)
	bash $(srcdir)/bench/cgroup.sh '$(abs_top_builddir)'
.PHONY: bench-cgroup
if HAVE_BPF
bench_cgroup = bench-cgroup
endif
bench: $(bench_cgroup)
