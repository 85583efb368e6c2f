# A hostile environment for the preload: huge and odd variables, the library
# listed twice or loaded with dlopen(), a seccomp filter refusing setsockopt
# or the mapping of the descriptor table.
check_PROGRAMS += tests/hostile/kadlopen tests/hostile/rawenv tests/hostile/kaseccomp
tests_hostile_kadlopen_SOURCES = tests/hostile/kadlopen.c tests/progs/sockopts.c
tests_hostile_kadlopen_CPPFLAGS = -I$(srcdir)/tests/progs $(AM_CPPFLAGS)
tests_hostile_rawenv_SOURCES = tests/hostile/rawenv.c
tests_hostile_kaseccomp_SOURCES = tests/hostile/kaseccomp.c tests/progs/sockopts.c
tests_hostile_kaseccomp_CPPFLAGS = -I$(srcdir)/tests/progs $(AM_CPPFLAGS)
HOSTILE_TESTS = \
	tests/hostile/big-values.sh \
	tests/hostile/odd-environment.sh \
	tests/hostile/twice.sh \
	tests/hostile/dlopen.sh \
	tests/hostile/seccomp.sh
dist_check_SCRIPTS += $(HOSTILE_TESTS)
TESTS += $(HOSTILE_TESTS)
