/* Parsing of single values: durations, counts and switches.
 *
 * Pure functions: no allocation, no locale, no I/O. Digits are read by
 * ka_parse_digits, not strtoll: in a process that preloads us the settings
 * are parsed before main(), and strtoll's code and its locale tables are pages
 * that most programs never touch (two page faults at every start-up).
 * Everything around the digits (signs, units, blanks) is checked by hand, so
 * that "9050abc", "-5", "+5", "1e9999" and "0x10" are all rejected. */
#include <config.h>

#include <limits.h>

#include "parse.h"
#include "ports.h"
#include "settings.h"

bool ka_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Trims blanks: [*begin, *end) is what is left. */
static void trim(const char *text, const char **begin, const char **end)
{
	const char *b = text, *e = text;

	while (*e != '\0')
		e++;

	while (b < e && ka_is_blank(*b))
		b++;
	while (e > b && ka_is_blank(e[-1]))
		e--;
	*begin = b;
	*end = e;
}

bool ka_parse_digits(const char **p, long long *out, enum ka_problem_kind *kind)
{
	const char *q = *p;
	long long value = 0;

	if (!is_digit(*q)) {
		*kind = KA_PROBLEM_FORM;
		return false;
	}
	for (; is_digit(*q); q++) {
		int digit = *q - '0';

		if (value > (LLONG_MAX - digit) / 10) {
			*kind = KA_PROBLEM_RANGE;
			return false;
		}
		value = value * 10 + digit;
	}
	*out = value;
	*p = q;
	return true;
}

/* Reads an unsigned decimal number at *p, before end; advances *p. */
static bool read_number(const char **p, const char *end, long long *out,
			enum ka_problem_kind *kind)
{
	if (*p >= end) {
		*kind = KA_PROBLEM_FORM;
		return false;
	}
	return ka_parse_digits(p, out, kind);
}

struct unit {
	const char *name;
	long long ms;
};

/* Longest names first, so that "ms" is not read as "m" followed by "s". */
static const struct unit units[] = {
	{ "ms", 1 },
	{ "h", 3600000 },
	{ "m", 60000 },
	{ "s", 1000 },
};

static int read_unit(const char **p, const char *end)
{
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		const char *after = ka_after_prefix(*p, units[i].name);

		if (after != NULL && after <= end) {
			*p = after;
			return (int)i;
		}
	}
	return -1;
}

/* Durations: a bare number of seconds, or numbers with units in decreasing
 * order, each unit at most once: "90", "90s", "1m30s", "1500ms", "2h". */
bool ka_parse_duration_ms(const char *text, long long *ms, enum ka_problem_kind *kind)
{
	const char *p, *end;
	long long total = 0, last_unit_ms = LLONG_MAX;

	trim(text, &p, &end);
	if (p == end) {
		*kind = KA_PROBLEM_FORM;
		return false;
	}
	while (p < end) {
		long long number;
		int u;

		if (!read_number(&p, end, &number, kind))
			return false;
		if (p == end && total == 0 && last_unit_ms == LLONG_MAX) {
			u = 3; /* a bare number: seconds */
		} else if ((u = read_unit(&p, end)) < 0 || units[u].ms >= last_unit_ms) {
			*kind = KA_PROBLEM_FORM;
			return false;
		}
		last_unit_ms = units[u].ms;
		if (number > (KA_DURATION_MAX_MS - total) / units[u].ms) {
			*kind = KA_PROBLEM_RANGE;
			return false;
		}
		total += number * units[u].ms;
	}
	*ms = total;
	return true;
}

static bool parse_count(const char *text, long long *value, enum ka_problem_kind *kind)
{
	const char *p, *end;

	trim(text, &p, &end);
	if (!read_number(&p, end, value, kind))
		return false;
	if (p != end) {
		*kind = KA_PROBLEM_FORM;
		return false;
	}
	return true;
}

static bool word_is(const char *p, const char *end, const char *word)
{
	for (; p < end && *word != '\0'; p++, word++)
		if (lower(*p) != *word)
			return false;
	return p == end && *word == '\0';
}

/* One of a NULL-terminated list of words, in any case: *value is its index. */
static bool parse_word(const char *text, const char *const *words, long long *value,
		       enum ka_problem_kind *kind)
{
	const char *p, *end;

	trim(text, &p, &end);
	for (long long i = 0; words[i] != NULL; i++) {
		if (word_is(p, end, words[i])) {
			*value = i;
			return true;
		}
	}
	*kind = KA_PROBLEM_FORM;
	return false;
}

static bool in_range(long long value, long long min, long long max, enum ka_problem_kind *kind)
{
	if (value < min || value > max) {
		*kind = KA_PROBLEM_RANGE;
		return false;
	}
	return true;
}

/* The kernel's timers take whole seconds only. */
static bool parse_whole_seconds(const char *text, long long *value, enum ka_problem_kind *kind)
{
	long long ms;

	if (!ka_parse_duration_ms(text, &ms, kind))
		return false;
	if (ms % 1000 != 0) {
		*kind = KA_PROBLEM_FRACTION;
		return false;
	}
	*value = ms / 1000;
	return true;
}

static bool parse_form(const struct ka_setting_info *info, const char *text, long long *value,
		       enum ka_problem_kind *kind)
{
	struct ka_port_range ranges[KA_MAX_PORT_RANGES];
	int n;

	switch (info->form) {
	case KA_FORM_SWITCH: /* the words come in pairs: off, on */
		if (!parse_word(text, ka_switch_words, value, kind))
			return false;
		*value %= 2;
		return true;
	case KA_FORM_WORD:
		return parse_word(text, info->words, value, kind);
	case KA_FORM_COUNT:
		return parse_count(text, value, kind);
	case KA_FORM_WHOLE_SECONDS:
		return parse_whole_seconds(text, value, kind);
	case KA_FORM_DURATION_MS:
		return ka_parse_duration_ms(text, value, kind);
	case KA_FORM_PORTS: /* the value is the number of entries */
		if (!ka_parse_ports(text, ranges, &n, kind))
			return false;
		*value = n;
		return true;
	}
	*kind = KA_PROBLEM_FORM;
	return false;
}

bool ka_parse_setting(enum ka_setting setting, const char *text, long long *value,
		      bool *empty, enum ka_problem_kind *kind)
{
	const struct ka_setting_info *info;
	const char *p, *end;

	trim(text, &p, &end);
	*empty = p == end;
	if (*empty)
		return false;
	if ((unsigned)setting >= KA_SETTING_COUNT) {
		*kind = KA_PROBLEM_FORM;
		return false;
	}
	info = ka_setting_info(setting);
	if (!parse_form(info, text, value, kind))
		return false;
	return info->form == KA_FORM_PORTS || in_range(*value, info->min, info->max, kind);
}
