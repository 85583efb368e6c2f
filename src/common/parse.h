/* Parsing single values: durations, counts, words (parse.c). */
#ifndef KA_PARSE_H
#define KA_PARSE_H

#include "settings.h"

/* Parses one value as the setting takes it: seconds for IDLE and INTVL,
 * milliseconds for USER_TIMEOUT, a plain number for the rest. Returns false
 * and sets *kind when the text is not acceptable. An empty or blank text is
 * reported with *empty set, so callers can treat it as unset. */
bool ka_parse_setting(enum ka_setting setting, const char *text, long long *value,
		      bool *empty, enum ka_problem_kind *kind);

/* Parses a duration ("90", "90s", "1m30s", "1500ms", "2h") into milliseconds. */
bool ka_parse_duration_ms(const char *text, long long *ms, enum ka_problem_kind *kind);

/* Reads the decimal digits at *p (at least one; no sign, no blanks) and
 * advances *p past them. KA_PROBLEM_FORM without a digit, KA_PROBLEM_RANGE
 * beyond LLONG_MAX. */
bool ka_parse_digits(const char **p, long long *out, enum ka_problem_kind *kind);

/* Whether c is a blank: space, \t, \n, \v, \f or \r. */
bool ka_is_blank(char c);

/* The rest of text after prefix, or NULL when text does not start with it.
 * With the other helpers here, this keeps the C library's string functions
 * off the path that runs before main(): a library function's first call
 * through the PLT costs a symbol lookup in the loader (lazy binding). */
static inline const char *ka_after_prefix(const char *text, const char *prefix)
{
	while (*prefix != '\0' && *text == *prefix) {
		text++;
		prefix++;
	}
	return *prefix == '\0' ? text : NULL;
}

#endif
