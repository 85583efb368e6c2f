/* Single values: ka_parse_setting(), ka_parse_duration_ms(), ka_parse_digits(). */
#include "cases.h"
#include "unit.h"

START_TEST(good_value)
{
	const struct good_case *c = &good_cases[_i];
	enum ka_problem_kind kind = KA_PROBLEM_UT_SHORT;
	long long value = -12345;
	bool empty = true;

	ck_assert_msg(ka_parse_setting(c->setting, c->text, &value, &empty, &kind),
		      "%s='%s' rejected (kind %d)", ka_setting_variable(c->setting), c->text,
		      (int)kind);
	ck_assert_msg(value == c->value, "%s='%s' gave %lld, expected %lld",
		      ka_setting_variable(c->setting), c->text, value, c->value);
	ck_assert(!empty);
}
END_TEST

START_TEST(bad_value)
{
	const struct bad_case *c = &bad_cases[_i];
	enum ka_problem_kind kind = KA_PROBLEM_UT_SHORT;
	long long value = -12345;
	bool empty = true;

	ck_assert_msg(!ka_parse_setting(c->setting, c->text, &value, &empty, &kind),
		      "%s='%s' accepted as %lld", ka_setting_variable(c->setting), c->text,
		      value);
	ck_assert_msg(kind == c->kind, "%s='%s': kind %d, expected %d",
		      ka_setting_variable(c->setting), c->text, (int)kind, (int)c->kind);
	ck_assert_msg(!empty, "%s='%s' taken as empty", ka_setting_variable(c->setting),
		      c->text);
}
END_TEST

START_TEST(blank_value)
{
	enum ka_setting setting = (enum ka_setting)(_i % KA_SETTING_COUNT);
	const char *text = blank_values[_i / KA_SETTING_COUNT];
	enum ka_problem_kind kind;
	long long value;
	bool empty = false;

	ck_assert(!ka_parse_setting(setting, text, &value, &empty, &kind));
	ck_assert_msg(empty, "%s='%s' not taken as empty", ka_setting_variable(setting), text);
}
END_TEST

/* The duration parser on its own: milliseconds, no range but its own. */
static const struct {
	const char *text;
	long long ms;
} durations[] = {
	{ "0", 0 },
	{ "90", 90000 },
	{ "90s", 90000 },
	{ "1500ms", 1500 },
	{ "2m", 120000 },
	{ "2h", 7200000 },
	{ "1m30s", 90000 },
	{ "1h1m1s", 3661000 },
	{ "2m500ms", 120500 },
	{ "1h1m1s1ms", 3661001 },
	{ " 1m30s\t", 90000 },
	{ "1000000000000", KA_DURATION_MAX_MS },
	{ "277777777h46m40s", KA_DURATION_MAX_MS },
};

START_TEST(duration_good)
{
	enum ka_problem_kind kind = KA_PROBLEM_UT_SHORT;
	long long ms = -1;

	ck_assert_msg(ka_parse_duration_ms(durations[_i].text, &ms, &kind),
		      "'%s' rejected (kind %d)", durations[_i].text, (int)kind);
	ck_assert_msg(ms == durations[_i].ms, "'%s' gave %lld ms, expected %lld",
		      durations[_i].text, ms, durations[_i].ms);
}
END_TEST

static const struct {
	const char *text;
	enum ka_problem_kind kind;
} bad_durations[] = {
	{ "", KA_PROBLEM_FORM },
	{ "   ", KA_PROBLEM_FORM },
	{ "abc", KA_PROBLEM_FORM },
	{ "1m30", KA_PROBLEM_FORM },
	{ "30s1m", KA_PROBLEM_FORM },
	{ "1s1s", KA_PROBLEM_FORM },
	{ "1msms", KA_PROBLEM_FORM },
	{ "h", KA_PROBLEM_FORM },
	{ "-1", KA_PROBLEM_FORM },
	{ "1000000000001", KA_PROBLEM_RANGE },
	{ "277777777h46m40s1ms", KA_PROBLEM_RANGE },
	{ "99999999999999999999ms", KA_PROBLEM_RANGE },
	{ "9999999999h", KA_PROBLEM_RANGE },
};

START_TEST(duration_bad)
{
	enum ka_problem_kind kind = KA_PROBLEM_UT_SHORT;
	long long ms = -1;

	ck_assert_msg(!ka_parse_duration_ms(bad_durations[_i].text, &ms, &kind),
		      "'%s' accepted as %lld ms", bad_durations[_i].text, ms);
	ck_assert_msg(kind == bad_durations[_i].kind, "'%s': kind %d, expected %d",
		      bad_durations[_i].text, (int)kind, (int)bad_durations[_i].kind);
}
END_TEST

/* Digits only, up to LLONG_MAX exactly; the pointer stops at the first
 * character that is not a digit. */
static const struct {
	const char *text;
	bool ok;
	long long value;
	int used; /* characters read */
	enum ka_problem_kind kind;
} digit_cases[] = {
	{ "0", true, 0, 1, 0 },
	{ "007", true, 7, 3, 0 },
	{ "42s", true, 42, 2, 0 },
	{ "9223372036854775807", true, 9223372036854775807LL, 19, 0 },
	{ "9223372036854775808", false, 0, 0, KA_PROBLEM_RANGE },
	{ "99999999999999999999", false, 0, 0, KA_PROBLEM_RANGE },
	{ "", false, 0, 0, KA_PROBLEM_FORM },
	{ " 5", false, 0, 0, KA_PROBLEM_FORM },
	{ "-5", false, 0, 0, KA_PROBLEM_FORM },
	{ "+5", false, 0, 0, KA_PROBLEM_FORM },
};

START_TEST(digits)
{
	const char *p = digit_cases[_i].text;
	enum ka_problem_kind kind = KA_PROBLEM_UT_SHORT;
	long long value = -1;
	bool ok = ka_parse_digits(&p, &value, &kind);

	ck_assert_msg(ok == digit_cases[_i].ok, "'%s': %s", digit_cases[_i].text,
		      ok ? "accepted" : "rejected");
	if (ok) {
		ck_assert_int_eq(value, digit_cases[_i].value);
		ck_assert_int_eq(p - digit_cases[_i].text, digit_cases[_i].used);
	} else {
		ck_assert_int_eq(kind, digit_cases[_i].kind);
		ck_assert_ptr_eq(p, digit_cases[_i].text);
	}
}
END_TEST

/* The prefix test the environment is read with (environ.h, runtime.c). */
static const struct {
	const char *text, *prefix;
	int rest; /* offset of what follows, or -1: not a prefix */
} prefix_cases[] = {
	{ "KEEPALIVE_IDLE=30", "KEEPALIVE_IDLE", 14 },
	{ "KEEPALIVE_IDLE=30", "KEEP", 4 },
	{ "KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL", -1 },
	{ "KEEPALIVE", "KEEPALIVE_IDLE", -1 },
	{ "KEEP", "KEEP", 4 },
	{ "", "DD_", -1 },
	{ "DD_DEBUG=1", "", 0 },
	{ "keep", "KEEP", -1 },
};

START_TEST(after_prefix)
{
	const char *text = prefix_cases[_i].text;
	const char *rest = ka_after_prefix(text, prefix_cases[_i].prefix);

	if (prefix_cases[_i].rest < 0)
		ck_assert_ptr_null(rest);
	else
		ck_assert_ptr_eq(rest, text + prefix_cases[_i].rest);
}
END_TEST

START_TEST(blanks)
{
	for (int c = -128; c < 128; c++)
		ck_assert_int_eq(ka_is_blank((char)c), c == ' ' || (c >= '\t' && c <= '\r'));
}
END_TEST

Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("values");

	tcase_add_loop_test(tc, good_value, 0, n_good_cases);
	tcase_add_loop_test(tc, bad_value, 0, n_bad_cases);
	tcase_add_loop_test(tc, blank_value, 0, n_blank_values * KA_SETTING_COUNT);
	suite_add_tcase(s, tc);

	tc = tcase_create("durations");
	tcase_add_loop_test(tc, duration_good, 0, N(durations));
	tcase_add_loop_test(tc, duration_bad, 0, N(bad_durations));
	suite_add_tcase(s, tc);

	tc = tcase_create("digits");
	tcase_add_loop_test(tc, digits, 0, N(digit_cases));
	tcase_add_loop_test(tc, after_prefix, 0, N(prefix_cases));
	tcase_add_test(tc, blanks);
	suite_add_tcase(s, tc);
	return s;
}
