# The settings parser under fuzzing. tests/fuzz/replay runs the fuzz target's
# checks over the seed corpus in every build; --enable-fuzzing (clang) also
# builds the libFuzzer binary tests/fuzz/fuzz_settings, with the parser's
# sources compiled in so that libFuzzer sees their coverage:
#   tests/fuzz/fuzz_settings -runs=1000000 NEW_DIR $(srcdir)/tests/fuzz/corpus
check_PROGRAMS += tests/fuzz/replay
tests_fuzz_replay_SOURCES = tests/fuzz/replay.c tests/fuzz/fuzz_settings.c
tests_fuzz_replay_LDADD = src/common/libkacommon.la
dist_check_SCRIPTS += tests/fuzz/replay.sh
TESTS += tests/fuzz/replay.sh
EXTRA_DIST += tests/fuzz/corpus tests/fuzz/settings.dict

if ENABLE_FUZZING
FUZZ_FLAGS = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
check_PROGRAMS += tests/fuzz/fuzz_settings
tests_fuzz_fuzz_settings_SOURCES = tests/fuzz/fuzz_settings.c $(src_common_libkacommon_la_SOURCES)
tests_fuzz_fuzz_settings_CFLAGS = $(AM_CFLAGS) $(FUZZ_FLAGS)
tests_fuzz_fuzz_settings_LDFLAGS = $(FUZZ_FLAGS)
endif
