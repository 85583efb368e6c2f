# Tests: the parser's unit tests (Check), programs run under the preload on
# loopback, and dead-peer tests in private network namespaces (root only).
# Each test script finds the built library and helpers through these. In a
# sanitized build, leak checking is off by default: programs not built with
# ASan but run under the preload (socat, strace'd ones) would report their
# own exit-time leaks or stop under ptrace; and the link order check is off
# for the keepalive command, which puts the library first in LD_PRELOAD
# (README, Testing).
AM_TESTS_ENVIRONMENT = \
	KA_LIB='$(abs_top_builddir)/src/lib/.libs/libkeepalive.so'; export KA_LIB; \
	KA_BUILDDIR='$(abs_top_builddir)'; export KA_BUILDDIR; \
	KA_SRCDIR='$(abs_top_srcdir)'; export KA_SRCDIR; \
	KA_SANITIZER_RUNTIME='$(SANITIZER_RUNTIME)'; export KA_SANITIZER_RUNTIME; \
	ASAN_OPTIONS=$${ASAN_OPTIONS-detect_leaks=0:verify_asan_link_order=0}; export ASAN_OPTIONS; \
	UBSAN_OPTIONS=$${UBSAN_OPTIONS-print_stacktrace=1}; export UBSAN_OPTIONS;

EXTRA_DIST += tests/lib.sh

include tests/progs/local.mk
include tests/unit/local.mk
include tests/preload/local.mk
include tests/netns/local.mk
include tests/programs/local.mk
include tests/features/local.mk
include tests/cmd/local.mk
include tests/pid/local.mk
include tests/fuzz/local.mk
include tests/stress/local.mk
include tests/hostile/local.mk
include tests/cgroup/local.mk
