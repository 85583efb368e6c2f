# keepalive --cgroup (BPF): in cgroups the tests make and remove (root only,
# skipped without BPF support or cgroup v2).
EXTRA_DIST += tests/cgroup/cgroup.sh
cgroup_tests = \
	tests/cgroup/configure.sh \
	tests/cgroup/modes.sh \
	tests/cgroup/deadpeer.sh \
	tests/cgroup/faults.sh \
	tests/cgroup/refused.sh \
	tests/cgroup/moving.sh \
	tests/cgroup/recipe.sh
dist_check_SCRIPTS += $(cgroup_tests)
TESTS += $(cgroup_tests)

# Statically linked where it can be (not in a sanitized build): nothing a
# preload library could reach.
check_PROGRAMS += tests/progs/kacgroup
tests_progs_kacgroup_SOURCES = tests/progs/kacgroup.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
if !SANITIZED
tests_progs_kacgroup_LDFLAGS = -all-static
endif

# A program the kernel's verifier refuses (tests/progs/refused.bpf.c), built
# at make check with the rules of src/bpf, and the helper that loads it and
# tells the refusal through the command's own code (src/bin/bpflog.c).
EXTRA_DIST += tests/progs/refused.bpf.c
if HAVE_BPF
check_PROGRAMS += tests/progs/karefused
tests_progs_karefused_SOURCES = tests/progs/karefused.c src/bin/bpflog.c src/bin/bpflog.h
nodist_tests_progs_karefused_SOURCES = tests/progs/refused.skel.h
tests_progs_karefused_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/src/bin -I$(top_builddir)/tests/progs \
	$(LIBBPF_CFLAGS)
tests_progs_karefused_LDADD = $(LIBBPF_LIBS)
# The skeleton is made before the helper is compiled, at make check only.
$(tests_progs_karefused_OBJECTS): tests/progs/refused.skel.h
tests/progs/refused.bpf.o: tests/progs/refused.bpf.c
	@$(MKDIR_P) tests/progs
	$(AM_V_GEN)$(BPF_CLANG) $(BPF_CFLAGS) -c $(srcdir)/tests/progs/refused.bpf.c -o $@
tests/progs/refused.skel.h: tests/progs/refused.bpf.o
	$(AM_V_GEN)$(BPFTOOL) gen skeleton tests/progs/refused.bpf.o name refused_bpf >$@.tmp && \
		mv $@.tmp $@
CLEANFILES += tests/progs/refused.bpf.o tests/progs/refused.skel.h tests/progs/refused.skel.h.tmp
else
EXTRA_DIST += tests/progs/karefused.c
endif
