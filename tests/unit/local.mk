# The settings parser's unit tests, with Check. Without Check they are
# reported as skipped instead of built.
EXTRA_DIST += tests/unit/no-check.sh
if HAVE_CHECK
check_PROGRAMS += tests/unit/check_settings
TESTS += tests/unit/check_settings
tests_unit_check_settings_SOURCES = \
	tests/unit/unit.h \
	tests/unit/cases.h \
	tests/unit/cases.c \
	tests/unit/check_settings.c \
	tests/unit/check_parse.c \
	tests/unit/check_load.c \
	tests/unit/check_messages.c \
	tests/unit/check_scope.c \
	tests/unit/check_detect.c \
	tests/unit/check_compat.c \
	tests/unit/check_decide.c \
	tests/unit/check_bpfrule.c
tests_unit_check_settings_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_settings_LDADD = src/common/libkacommon.la $(CHECK_LIBS)
else
TESTS += tests/unit/no-check.sh
endif
