# keepalive --cgroup (BPF): in cgroups the tests make and remove (root only,
# skipped without BPF support or cgroup v2).
EXTRA_DIST += tests/cgroup/cgroup.sh
cgroup_tests = \
	tests/cgroup/configure.sh \
	tests/cgroup/modes.sh \
	tests/cgroup/deadpeer.sh \
	tests/cgroup/faults.sh \
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
