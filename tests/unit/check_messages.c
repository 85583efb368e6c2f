/* The text users read: problem messages and the effective settings. */
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "unit.h"


static void assert_contains(const char *text, const char *part)
{
	ck_assert_msg(strstr(text, part) != NULL, "'%s' not in '%s'", part, text);
}

/* Loads one variable and formats the problem it must give. */
static void format_one(const char *pair, char *buf, size_t len)
{
	struct ka_config cfg;
	int n;

	load_env(&cfg, ENV(pair));
	ck_assert_int_eq(cfg.nproblems, 1);
	n = library_problem_format(&cfg.problems[0], &cfg, buf, len);
	ck_assert_int_eq(n, (int)strlen(buf));
}

START_TEST(names)
{
	static const char *const variables[KA_SETTING_COUNT] = {
		"KEEPALIVE", "KEEPALIVE_IDLE", "KEEPALIVE_INTVL", "KEEPALIVE_CNT",
		"KEEPALIVE_USER_TIMEOUT", "KEEPALIVE_DEBUG", "KEEPALIVE_MODE",
		"KEEPALIVE_DETECT", "KEEPALIVE_ROLE", "KEEPALIVE_PORTS", "KEEPALIVE_INHERIT",
	};

	for (int s = 0; s < KA_SETTING_COUNT; s++) {
		ck_assert_str_eq(ka_setting_variable(s), variables[s]);
		ck_assert(strlen(ka_setting_accepted(s)) > 0);
	}
}
END_TEST

START_TEST(documented_example)
{
	char buf[512];

	format_one("KEEPALIVE_IDLE=10x", buf, sizeof buf);
	ck_assert_str_eq(buf, "libkeepalive: KEEPALIVE_IDLE='10x' is not valid: expected whole "
			      "seconds from 1 to 32767, as 30, 30s, 5m, 1h or 1m30s; using the "
			      "default 60s");
}
END_TEST

/* Every bad value: the message names the variable, the value, the accepted
 * form and the default, and says what is wrong. */
START_TEST(bad_value_message)
{
	static const char *const defaults[KA_SETTING_COUNT] = {
		"on", "60s", "10s", "6", "idle + intvl x cnt less 1s (750ms with an intvl of 1s)", "0",
	};
	static const char *const wrong[] = {
		[KA_PROBLEM_FORM] = "is not valid",
		[KA_PROBLEM_RANGE] = "is out of range",
		[KA_PROBLEM_FRACTION] = "is not a whole number of seconds",
	};
	const struct bad_case *c = &bad_cases[_i];
	const char *variable = ka_setting_variable(c->setting);
	char pair[64], quoted[64], tail[256], buf[512];

	snprintf(pair, sizeof pair, "%s=%s", variable, c->text);
	format_one(pair, buf, sizeof buf);
	snprintf(quoted, sizeof quoted, "libkeepalive: %s='%s' %s: expected ", variable,
		 c->text, wrong[c->kind]);
	ck_assert_msg(strncmp(buf, quoted, strlen(quoted)) == 0, "'%s' does not start with '%s'",
		      buf, quoted);
	assert_contains(buf, ka_setting_accepted(c->setting));
	snprintf(tail, sizeof tail, "; using the default %s", defaults[c->setting]);
	ck_assert_str_eq(buf + strlen(buf) - strlen(tail), tail);
	ck_assert(strchr(buf, '\n') == NULL);
}
END_TEST

/* Values over 40 bytes are cut to 40 and marked with "...". */
START_TEST(long_value)
{
	char value[1001], pair[1100], buf[512], expected[64];
	size_t lengths[] = { 39, 40, 41, 1000 };
	struct ka_config cfg;

	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++) {
		size_t n = lengths[i];

		for (size_t j = 0; j < n; j++)
			value[j] = (char)('a' + j % 26);
		value[n] = '\0';
		snprintf(pair, sizeof pair, "KEEPALIVE_CNT=%s", value);
		load_env(&cfg, ENV(pair));
		ck_assert_int_eq(cfg.nproblems, 1);
		if (n <= KA_VALUE_SHOWN) {
			ck_assert_str_eq(cfg.problems[0].value, value);
		} else {
			snprintf(expected, sizeof expected, "%.40s...", value);
			ck_assert_str_eq(cfg.problems[0].value, expected);
		}
		library_problem_format(&cfg.problems[0], &cfg, buf, sizeof buf);
		snprintf(expected, sizeof expected, "KEEPALIVE_CNT='%s'", cfg.problems[0].value);
		assert_contains(buf, expected);
		assert_contains(buf, ka_setting_accepted(KA_CNT));
	}
}
END_TEST

/* A warning is one line whatever the value holds: control characters are
 * shown as '?', other bytes as they are. */
START_TEST(control_characters)
{
	struct ka_config cfg;
	char buf[512];

	load_env(&cfg, ENV("KEEPALIVE_IDLE=10\nx\r\t\x1b[31m\x7f\xc3\xa9"));
	ck_assert_int_eq(cfg.nproblems, 1);
	ck_assert_str_eq(cfg.problems[0].value, "10?x???[31m?\xc3\xa9");
	library_problem_format(&cfg.problems[0], &cfg, buf, sizeof buf);
	for (const char *p = buf; *p != '\0'; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 && *p != 0x7f, "control character in '%s'",
			      buf);
}
END_TEST

START_TEST(user_timeout_short_message)
{
	struct ka_config cfg;
	char buf[512];

	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=10s"));
	ck_assert_int_eq(cfg.nproblems, 1);
	library_problem_format(&cfg.problems[0], &cfg, buf, sizeof buf);
	assert_contains(buf, "libkeepalive: KEEPALIVE_USER_TIMEOUT='10s' is not longer than");
	assert_contains(buf, "KEEPALIVE_INTVL x (KEEPALIVE_CNT - 1) (30s + 5s x 3 = 45s)");
	assert_contains(buf, "noticed after 35s");
	assert_contains(buf, "applying both as given");

	/* Longer delays detection of an idle dead peer: said as well. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=1", "KEEPALIVE_INTVL=1", "KEEPALIVE_CNT=1",
			   "KEEPALIVE_USER_TIMEOUT=5s"));
	ck_assert_int_eq(cfg.nproblems, 1);
	ck_assert_int_eq(cfg.problems[0].kind, KA_PROBLEM_UT_LONG);
	library_problem_format(&cfg.problems[0], &cfg, buf, sizeof buf);
	assert_contains(buf, "libkeepalive: KEEPALIVE_USER_TIMEOUT='5s' is longer than");
	assert_contains(buf, "(1s + 1s x 1 = 2s)");
	assert_contains(buf, "noticed after 5s");
}
END_TEST

/* Like snprintf: the full length is returned, the text cut and ended. */
START_TEST(small_buffer)
{
	struct ka_config cfg;
	char buf[16], full[512];
	int n;

	load_env(&cfg, ENV("KEEPALIVE_IDLE=10x"));
	n = library_problem_format(&cfg.problems[0], &cfg, full, sizeof full);
	ck_assert_int_eq(library_problem_format(&cfg.problems[0], &cfg, buf, sizeof buf), n);
	ck_assert_str_eq(buf, "libkeepalive: K");

	n = ka_config_describe(&cfg, full, sizeof full);
	ck_assert_int_eq(ka_config_describe(&cfg, buf, sizeof buf), n);
	ck_assert_int_eq(strlen(buf), sizeof buf - 1);
}
END_TEST

static const struct {
	const char *const *env;
	const char *text;
} descriptions[] = {
	{ ENV("PATH=/bin"), "idle=60s intvl=10s cnt=6 user_timeout=119000ms (idle + intvl x cnt - 1000ms)" },
	{ ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4"),
	  "idle=30s intvl=5s cnt=4 user_timeout=49000ms (idle + intvl x cnt - 1000ms)" },
	{ ENV("KEEPALIVE_IDLE=1", "KEEPALIVE_INTVL=1", "KEEPALIVE_CNT=2"),
	  "idle=1s intvl=1s cnt=2 user_timeout=2250ms (idle + intvl x cnt - 750ms)" },
	{ ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
	      "KEEPALIVE_USER_TIMEOUT=1m30s"),
	  "idle=30s intvl=5s cnt=4 user_timeout=90000ms" },
	{ ENV("KEEPALIVE_USER_TIMEOUT=0"),
	  "idle=60s intvl=10s cnt=6 user_timeout=0ms (kernel default)" },
	{ ENV("KEEPALIVE_IDLE=9h6m7s", "KEEPALIVE_INTVL=32767", "KEEPALIVE_CNT=127"),
	  "idle=32767s intvl=32767s cnt=127 user_timeout=2147483647ms (the kernel's largest)" },
	{ ENV("KEEPALIVE_IDLE=10x", "KEEPALIVE_USER_TIMEOUT=abc"),
	  "idle=60s intvl=10s cnt=6 user_timeout=119000ms (idle + intvl x cnt - 1000ms)" },
	{ ENV("KEEPALIVE=off"), "off" },
	{ ENV("KEEPALIVE=FALSE", "KEEPALIVE_IDLE=5"), "off" },
};

START_TEST(describe)
{
	struct ka_config cfg;
	char buf[256];
	int n;

	load_env(&cfg, descriptions[_i].env);
	n = ka_config_describe(&cfg, buf, sizeof buf);
	ck_assert_str_eq(buf, descriptions[_i].text);
	ck_assert_int_eq(n, (int)strlen(descriptions[_i].text));
}
END_TEST

Suite *messages_suite(void)
{
	Suite *s = suite_create("messages");
	TCase *tc = tcase_create("problems");

	tcase_add_test(tc, names);
	tcase_add_test(tc, documented_example);
	tcase_add_loop_test(tc, bad_value_message, 0, n_bad_cases);
	tcase_add_test(tc, long_value);
	tcase_add_test(tc, control_characters);
	tcase_add_test(tc, user_timeout_short_message);
	tcase_add_test(tc, small_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("describe");
	tcase_add_loop_test(tc, describe, 0, (int)(sizeof descriptions / sizeof descriptions[0]));
	suite_add_tcase(s, tc);
	return s;
}
