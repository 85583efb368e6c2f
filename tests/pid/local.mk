# keepalive --pid on running processes (a statically linked server the
# library cannot reach). Root-only parts skip with 77 otherwise.
EXTRA_DIST += tests/pid/pid.sh
pid_tests = \
	tests/pid/procfd.sh \
	tests/pid/static.sh \
	tests/pid/no-loss.sh \
	tests/pid/dead-peer.sh \
	tests/pid/policy.sh \
	tests/pid/json.sh \
	tests/pid/all.sh \
	tests/pid/faults.sh \
	tests/pid/many.sh \
	tests/pid/roles.sh
dist_check_SCRIPTS += $(pid_tests)
TESTS += $(pid_tests)

check_PROGRAMS += tests/progs/kapidserver tests/progs/kaprocfd
tests_progs_kapidserver_SOURCES = tests/progs/kapidserver.c tests/progs/sockopts.c \
	tests/progs/sockopts.h
# -static and -fsanitize=address exclude each other: a sanitized build links
# it dynamically, and tests/pid/static.sh skips.
if !SANITIZED
tests_progs_kapidserver_LDFLAGS = -all-static
endif
tests_progs_kaprocfd_SOURCES = tests/progs/kaprocfd.c src/bin/procfd.c src/bin/procfd.h
tests_progs_kaprocfd_CPPFLAGS = $(AM_CPPFLAGS) -I$(srcdir)/src/bin
