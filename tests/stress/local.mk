# Concurrency stress under the preload (threads, fork, exec, signal
# handlers), and valgrind's memcheck over the library in use.
check_PROGRAMS += tests/stress/stress
tests_stress_stress_SOURCES = tests/stress/stress.c
tests_stress_stress_LDADD = -lpthread
dist_check_SCRIPTS += tests/stress/stress.sh tests/stress/valgrind.sh
TESTS += tests/stress/stress.sh tests/stress/valgrind.sh
