/* The tables of values in cases.c. */
#ifndef KA_CASES_H
#define KA_CASES_H

#include "settings.h"

struct good_case {
	enum ka_setting setting;
	const char *text;
	long long value; /* in the setting's unit */
};

struct bad_case {
	enum ka_setting setting;
	const char *text;
	enum ka_problem_kind kind;
};

extern const struct good_case good_cases[];
extern const int n_good_cases;
extern const struct bad_case bad_cases[];
extern const int n_bad_cases;
extern const char *const blank_values[];
extern const int n_blank_values;

#endif
