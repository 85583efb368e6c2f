/* Loading the whole configuration: defaults, sources, problems and the
 * derived user timeout. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cases.h"
#include "unit.h"


static void assert_defaults_except(const struct ka_config *cfg, enum ka_setting except)
{
	if (except != KA_ENABLE)
		ck_assert(cfg->enabled);
	if (except != KA_IDLE)
		ck_assert_int_eq(cfg->idle_s, 60);
	if (except != KA_INTVL)
		ck_assert_int_eq(cfg->intvl_s, 10);
	if (except != KA_CNT)
		ck_assert_int_eq(cfg->cnt, 6);
	if (except != KA_DEBUG)
		ck_assert_int_eq(cfg->debug, 0);
	for (int s = 0; s < KA_SETTING_COUNT; s++)
		if (s != (int)except)
			ck_assert_msg(cfg->source[s] == NULL, "source of %s is set",
				      ka_setting_variable(s));
}

/* The default user timeout follows the other timers. */
static void assert_derived(const struct ka_config *cfg)
{
	ck_assert(cfg->user_timeout_derived);
	ck_assert_int_eq(cfg->user_timeout_ms, derived_user_timeout_ms(cfg));
	ck_assert_ptr_null(cfg->source[KA_USER_TIMEOUT]);
}

static void assert_one_problem(const struct ka_config *cfg, enum ka_setting setting,
			       enum ka_problem_kind kind)
{
	ck_assert_int_eq(cfg->nproblems, 1);
	ck_assert_int_eq(cfg->problems[0].setting, setting);
	ck_assert_int_eq(cfg->problems[0].kind, kind);
}

START_TEST(nothing_set)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("PATH=/bin", "KEEPALIVE_IDLEX=5", "XKEEPALIVE_CNT=3"));
	assert_defaults_except(&cfg, KA_SETTING_COUNT);
	ck_assert_int_eq(cfg.user_timeout_ms, 119000);
	assert_derived(&cfg);
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

START_TEST(blank_is_unset)
{
	enum ka_setting setting = (enum ka_setting)(_i % KA_SETTING_COUNT);
	const char *text = blank_values[_i / KA_SETTING_COUNT];
	char pair[64];
	struct ka_config cfg;

	snprintf(pair, sizeof pair, "%s=%s", ka_setting_variable(setting), text);
	load_env(&cfg, ENV(pair));
	assert_defaults_except(&cfg, KA_SETTING_COUNT);
	assert_derived(&cfg);
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

START_TEST(all_blank)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE=", "KEEPALIVE_IDLE= ", "KEEPALIVE_INTVL=\t",
			   "KEEPALIVE_CNT=", "KEEPALIVE_USER_TIMEOUT=  ", "KEEPALIVE_DEBUG="));
	assert_defaults_except(&cfg, KA_SETTING_COUNT);
	assert_derived(&cfg);
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

/* Each good value alone: applied, its variable named as the source, the
 * rest at their defaults. */
START_TEST(good_value_loaded)
{
	const struct good_case *c = &good_cases[_i];
	const char *variable = ka_setting_variable(c->setting);
	char pair[64];
	struct ka_config cfg;
	long long got = 0;
	int problems = 0;

	snprintf(pair, sizeof pair, "%s=%s", variable, c->text);
	load_env(&cfg, ENV(pair));
	switch (c->setting) {
	case KA_ENABLE: got = cfg.enabled; break;
	case KA_IDLE: got = cfg.idle_s; break;
	case KA_INTVL: got = cfg.intvl_s; break;
	case KA_CNT: got = cfg.cnt; break;
	case KA_DEBUG: got = cfg.debug; break;
	case KA_USER_TIMEOUT:
		got = cfg.user_timeout_ms;
		ck_assert(!cfg.user_timeout_derived);
		/* Outside (60s + 10s x 5, 60s + 10s x 6]: one warning. */
		problems = got > 0 && (got <= 110000 || got > 120000);
		break;
	default:
		/* A good case for another setting needs its check here first. */
		ck_abort_msg("%s: no check of %s in good_value_loaded", pair, variable);
	}
	ck_assert_msg(got == c->value, "%s gave %lld, expected %lld", pair, got, c->value);
	ck_assert_str_eq(cfg.source[c->setting], variable);
	assert_defaults_except(&cfg, c->setting);
	if (c->setting != KA_USER_TIMEOUT)
		assert_derived(&cfg);
	if (problems)
		assert_one_problem(&cfg, KA_USER_TIMEOUT,
				   got < 120000 ? KA_PROBLEM_UT_SHORT : KA_PROBLEM_UT_LONG);
	else
		ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

/* Each bad value alone: exactly one problem, of the right setting and kind,
 * holding the value as given, and the default used. */
START_TEST(bad_value_loaded)
{
	const struct bad_case *c = &bad_cases[_i];
	char pair[64];
	struct ka_config cfg;

	snprintf(pair, sizeof pair, "%s=%s", ka_setting_variable(c->setting), c->text);
	load_env(&cfg, ENV(pair));
	assert_one_problem(&cfg, c->setting, c->kind);
	ck_assert_str_eq(cfg.problems[0].value, c->text);
	assert_defaults_except(&cfg, KA_SETTING_COUNT);
	assert_derived(&cfg);
}
END_TEST

START_TEST(all_bad)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE=maybe", "KEEPALIVE_IDLE=10x", "KEEPALIVE_INTVL=1500ms",
			   "KEEPALIVE_CNT=128", "KEEPALIVE_USER_TIMEOUT=-1",
			   "KEEPALIVE_DEBUG=3", "KEEPALIVE_MODE=always", "KEEPALIVE_DETECT=1s",
			   "KEEPALIVE_ROLE=both", "KEEPALIVE_PORTS=0", "KEEPALIVE_INHERIT=maybe"));
	assert_defaults_except(&cfg, KA_SETTING_COUNT);
	assert_derived(&cfg);
	ck_assert_int_eq(cfg.nproblems, KA_SETTING_COUNT);
	for (int s = 0; s < KA_SETTING_COUNT; s++) {
		int found = 0;

		for (int i = 0; i < cfg.nproblems; i++)
			found += cfg.problems[i].setting == (enum ka_setting)s;
		ck_assert_msg(found == 1, "%d problems for %s", found, ka_setting_variable(s));
	}
}
END_TEST

START_TEST(all_set)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE=yes", "KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5s",
			   "KEEPALIVE_CNT=4", "KEEPALIVE_USER_TIMEOUT=1m", "KEEPALIVE_DEBUG=2",
			   "KEEPALIVE_MODE=respect", "KEEPALIVE_DETECT=90", "KEEPALIVE_ROLE=all",
			   "KEEPALIVE_PORTS=1-65535", "KEEPALIVE_INHERIT=yes"));
	ck_assert(cfg.enabled);
	ck_assert_int_eq(cfg.idle_s, 30);
	ck_assert_int_eq(cfg.intvl_s, 5);
	ck_assert_int_eq(cfg.cnt, 4);
	ck_assert_int_eq(cfg.user_timeout_ms, 60000);
	ck_assert(!cfg.user_timeout_derived);
	ck_assert_int_eq(cfg.debug, 2);
	ck_assert_int_eq(cfg.nproblems, 0);
	for (int s = 0; s < KA_SETTING_COUNT; s++)
		ck_assert_str_eq(cfg.source[s], ka_setting_variable(s));
}
END_TEST

START_TEST(sources_mixed)
{
	struct ka_config cfg;

	/* A bad value and a blank one leave the default, and no source. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=bad", "KEEPALIVE_CNT= ",
			   "KEEPALIVE_DEBUG=1"));
	ck_assert_ptr_null(cfg.source[KA_ENABLE]);
	ck_assert_str_eq(cfg.source[KA_IDLE], "KEEPALIVE_IDLE");
	ck_assert_ptr_null(cfg.source[KA_INTVL]);
	ck_assert_ptr_null(cfg.source[KA_CNT]);
	ck_assert_ptr_null(cfg.source[KA_USER_TIMEOUT]);
	ck_assert_str_eq(cfg.source[KA_DEBUG], "KEEPALIVE_DEBUG");
	ck_assert_int_eq(cfg.intvl_s, 10);
	ck_assert_int_eq(cfg.nproblems, 1);
}
END_TEST

START_TEST(disabled)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE=Off", "KEEPALIVE_IDLE=5"));
	ck_assert(!cfg.enabled);
	ck_assert_str_eq(cfg.source[KA_ENABLE], "KEEPALIVE");
	ck_assert_int_eq(cfg.idle_s, 5);
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

START_TEST(derived_user_timeout)
{
	struct ka_config cfg;

	/* 1 s short of idle + intvl x cnt: still the 4th probe for an idle
	 * connection, and room for the first retransmission's lag. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4"));
	ck_assert_int_eq(cfg.user_timeout_ms, 49000);
	assert_derived(&cfg);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 50000);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* With an interval of 1 s, three quarters of it. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=1", "KEEPALIVE_INTVL=1", "KEEPALIVE_CNT=1"));
	ck_assert_int_eq(cfg.user_timeout_ms, 1250);
	assert_derived(&cfg);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 2000);
	load_env(&cfg, ENV("KEEPALIVE_IDLE=1", "KEEPALIVE_INTVL=1", "KEEPALIVE_CNT=2"));
	ck_assert_int_eq(cfg.user_timeout_ms, 2250);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 3000);
	load_env(&cfg, ENV("KEEPALIVE_IDLE=1", "KEEPALIVE_INTVL=2", "KEEPALIVE_CNT=2"));
	ck_assert_int_eq(cfg.user_timeout_ms, 4000);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 5000);
}
END_TEST

/* 32767 + 32767 x 127 seconds is over INT_MAX ms: the kernel's limit. */
START_TEST(derived_clamped)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_IDLE=32767", "KEEPALIVE_INTVL=32767",
			   "KEEPALIVE_CNT=127"));
	ck_assert_int_eq(cfg.user_timeout_ms, INT_MAX);
	ck_assert(cfg.user_timeout_derived);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* Just below the limit the rule holds exactly:
	 * 32767 + 32767 x 64 = 2129855 s; with 65 probes it is over. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=32767", "KEEPALIVE_INTVL=32767",
			   "KEEPALIVE_CNT=64"));
	ck_assert_int_eq(cfg.user_timeout_ms, 2129854000);
	ck_assert(cfg.user_timeout_derived);
	load_env(&cfg, ENV("KEEPALIVE_IDLE=32767", "KEEPALIVE_INTVL=32767",
			   "KEEPALIVE_CNT=65"));
	ck_assert_int_eq(cfg.user_timeout_ms, INT_MAX);
	ck_assert(cfg.user_timeout_derived);

	/* A bad explicit value falls back to the derived one, clamped. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=32767", "KEEPALIVE_INTVL=32767",
			   "KEEPALIVE_CNT=127", "KEEPALIVE_USER_TIMEOUT=2147483648ms"));
	ck_assert_int_eq(cfg.user_timeout_ms, INT_MAX);
	ck_assert(cfg.user_timeout_derived);
	assert_one_problem(&cfg, KA_USER_TIMEOUT, KA_PROBLEM_RANGE);
}
END_TEST

START_TEST(user_timeout_short)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=10s"));
	ck_assert_int_eq(cfg.user_timeout_ms, 10000);
	ck_assert(!cfg.user_timeout_derived);
	ck_assert_str_eq(cfg.source[KA_USER_TIMEOUT], "KEEPALIVE_USER_TIMEOUT");
	assert_one_problem(&cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_SHORT);
	ck_assert_str_eq(cfg.problems[0].value, "10s");
	/* The other settings are applied as given too. */
	ck_assert_int_eq(cfg.idle_s, 30);
	ck_assert_int_eq(cfg.intvl_s, 5);
	ck_assert_int_eq(cfg.cnt, 4);

	/* Up to idle + intvl x (cnt - 1) is short: the connection is dropped
	 * at the third probe. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=45s"));
	ck_assert_int_eq(cfg.user_timeout_ms, 45000);
	assert_one_problem(&cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_SHORT);

	/* A millisecond more and the fourth probe still decides: no warning. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=45s1ms"));
	ck_assert_int_eq(cfg.user_timeout_ms, 45001);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 50000);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* The largest user timeout is still short of the largest timers. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=32767", "KEEPALIVE_INTVL=32767",
			   "KEEPALIVE_CNT=127", "KEEPALIVE_USER_TIMEOUT=2147483647ms"));
	ck_assert_int_eq(cfg.user_timeout_ms, INT_MAX);
	assert_one_problem(&cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_SHORT);
}
END_TEST

START_TEST(user_timeout_equal_or_longer)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=50s"));
	ck_assert_int_eq(cfg.user_timeout_ms, 50000);
	ck_assert(!cfg.user_timeout_derived);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* Longer than the probes: an idle dead peer is noticed later. */
	load_env(&cfg, ENV("KEEPALIVE_USER_TIMEOUT=2147483647ms"));
	ck_assert_int_eq(cfg.user_timeout_ms, INT_MAX);
	assert_one_problem(&cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_LONG);
}
END_TEST

START_TEST(user_timeout_zero)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_USER_TIMEOUT=0"));
	ck_assert_int_eq(cfg.user_timeout_ms, 0);
	ck_assert(!cfg.user_timeout_derived);
	ck_assert_str_eq(cfg.source[KA_USER_TIMEOUT], "KEEPALIVE_USER_TIMEOUT");
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

/* Each variable, ours, the older shims', KEEPALIVE_PID and
 * KEEPALIVE_CHECKED, is asked for once when nothing is wrong; an older
 * shim's only while ours is unset. */
START_TEST(lookups)
{
	int variables = 2; /* KEEPALIVE_PID, KEEPALIVE_CHECKED */
	struct fake_env env = { ENV("PATH=/bin"), 0 };
	struct ka_config cfg;

	for (int s = 0; s < KA_SETTING_COUNT; s++)
		for (const char *const *v = ka_setting_compat_variables(s); *v != NULL; v++)
			variables++;
	ka_config_load(&cfg, fake_lookup, &env);
	ck_assert_int_eq(env.lookups, KA_SETTING_COUNT + variables);

	env = (struct fake_env){ ENV("KEEPALIVE_IDLE=30"), 0 };
	ka_config_load(&cfg, fake_lookup, &env);
	ck_assert_int_eq(env.lookups, KA_SETTING_COUNT + variables - 2);
}
END_TEST

Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *tc = tcase_create("values");

	tcase_add_test(tc, nothing_set);
	tcase_add_loop_test(tc, blank_is_unset, 0, n_blank_values * KA_SETTING_COUNT);
	tcase_add_test(tc, all_blank);
	tcase_add_loop_test(tc, good_value_loaded, 0, n_good_cases);
	tcase_add_loop_test(tc, bad_value_loaded, 0, n_bad_cases);
	tcase_add_test(tc, all_bad);
	tcase_add_test(tc, all_set);
	tcase_add_test(tc, sources_mixed);
	tcase_add_test(tc, disabled);
	tcase_add_test(tc, lookups);
	suite_add_tcase(s, tc);

	tc = tcase_create("user timeout");
	tcase_add_test(tc, derived_user_timeout);
	tcase_add_test(tc, derived_clamped);
	tcase_add_test(tc, user_timeout_short);
	tcase_add_test(tc, user_timeout_equal_or_longer);
	tcase_add_test(tc, user_timeout_zero);
	suite_add_tcase(s, tc);
	return s;
}
