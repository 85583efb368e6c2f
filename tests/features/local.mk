# The optional features (KEEPALIVE_MODE, _DETECT, _ROLE, _PORTS, _INHERIT,
# the older shims' variables, socket activation) under the preload on
# loopback, what they cost when off, and dead peers in network namespaces.
features_tests = \
	tests/features/force.sh \
	tests/features/scope.sh \
	tests/features/inherit.sh \
	tests/features/compat.sh \
	tests/features/activation.sh \
	tests/features/cost.sh \
	tests/features/deadpeer-force.sh \
	tests/features/deadpeer-detect.sh \
	tests/features/filter-program-wins.sh
dist_check_SCRIPTS += $(features_tests)
TESTS += $(features_tests)

# Helpers the tests above run (see the comment at the top of each).
check_PROGRAMS += tests/progs/kaforce tests/progs/kaloop
tests_progs_kaforce_SOURCES = tests/progs/kaforce.c tests/progs/rawnet.c tests/progs/rawnet.h \
	tests/progs/sockopts.c tests/progs/sockopts.h
tests_progs_kaloop_SOURCES = tests/progs/kaloop.c tests/progs/rawnet.c tests/progs/rawnet.h
# Another preload library, which does nothing: it must stay in LD_PRELOAD.
check_LTLIBRARIES += tests/progs/libkanoop.la
tests_progs_libkanoop_la_SOURCES = tests/progs/kanoop.c
tests_progs_libkanoop_la_LDFLAGS = -module -avoid-version -shared -rpath /nowhere
EXTRA_DIST += tests/features/helpers.sh
