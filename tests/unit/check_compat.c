/* The older shims' variables and KEEPALIVE_PID. */
#include <stdio.h>
#include <string.h>

#include "unit.h"

/* The older shims' variables. */

struct compat_case {
	const char *pair;        /* the old variable alone */
	enum ka_setting setting;
	long long value;         /* read back in the setting's unit */
	const char *ours;        /* ours set too: it wins */
	long long ours_value;
};

static const struct compat_case compat_cases[] = {
	{ "KEEPIDLE=33", KA_IDLE, 33, "KEEPALIVE_IDLE=30", 30 },
	{ "KEEPINTVL=7", KA_INTVL, 7, "KEEPALIVE_INTVL=5", 5 },
	{ "KEEPCNT=3", KA_CNT, 3, "KEEPALIVE_CNT=4", 4 },
	{ "KEEPALIVE=off", KA_ENABLE, 0, NULL, 0 },
	{ "DD_TCP_KEEPALIVE_TIME=34", KA_IDLE, 34, "KEEPALIVE_IDLE=30", 30 },
	{ "DD_TCP_KEEPALIVE_INTVL=8", KA_INTVL, 8, "KEEPALIVE_INTVL=5", 5 },
	{ "DD_TCP_KEEPALIVE_PROBES=2", KA_CNT, 2, "KEEPALIVE_CNT=4", 4 },
	{ "DD_USE_KEEPALIVE=0", KA_ENABLE, 0, "KEEPALIVE=1", 1 },
	{ "DD_DEBUG=1", KA_DEBUG, 1, "KEEPALIVE_DEBUG=0", 0 },
};

static long long value_of(const struct ka_config *cfg, enum ka_setting setting)
{
	switch (setting) {
	case KA_ENABLE: return cfg->enabled;
	case KA_IDLE: return cfg->idle_s;
	case KA_INTVL: return cfg->intvl_s;
	case KA_CNT: return cfg->cnt;
	case KA_DEBUG: return cfg->debug;
	default: return -1;
	}
}

static void variable_of(const char *pair, char *name, size_t len)
{
	size_t n = strcspn(pair, "=");

	ck_assert(n < len);
	memcpy(name, pair, n);
	name[n] = '\0';
}

START_TEST(compat_alone)
{
	const struct compat_case *c = &compat_cases[_i];
	struct ka_config cfg;
	char name[64];

	variable_of(c->pair, name, sizeof name);
	load_env(&cfg, ENV(c->pair));
	ck_assert_msg(value_of(&cfg, c->setting) == c->value, "%s gave %lld", c->pair,
		      value_of(&cfg, c->setting));
	ck_assert_str_eq(cfg.source[c->setting], name);
	ck_assert_int_eq(cfg.nproblems, 0);
	for (int s = 0; s < KA_SETTING_COUNT; s++)
		if (s != (int)c->setting)
			ck_assert_ptr_null(cfg.source[s]);
	/* The derived user timeout follows the old timers. */
	ck_assert(cfg.user_timeout_derived);
	ck_assert_int_eq(cfg.user_timeout_ms, derived_user_timeout_ms(&cfg));

	if (c->ours == NULL)
		return;
	variable_of(c->ours, name, sizeof name);
	load_env(&cfg, ENV(c->pair, c->ours));
	ck_assert_msg(value_of(&cfg, c->setting) == c->ours_value, "%s with %s gave %lld",
		      c->pair, c->ours, value_of(&cfg, c->setting));
	ck_assert_str_eq(cfg.source[c->setting], name);
	/* The order in the environment does not matter. */
	load_env(&cfg, ENV(c->ours, c->pair));
	ck_assert_str_eq(cfg.source[c->setting], name);
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

/* KEEPALIVE_* > libkeepalive 0.3 > libdontdie, for each timer. */
START_TEST(compat_precedence)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("DD_TCP_KEEPALIVE_TIME=34", "KEEPIDLE=33", "DD_TCP_KEEPALIVE_INTVL=8",
			   "KEEPINTVL=7", "DD_TCP_KEEPALIVE_PROBES=2", "KEEPCNT=3"));
	ck_assert_int_eq(cfg.idle_s, 33);
	ck_assert_int_eq(cfg.intvl_s, 7);
	ck_assert_int_eq(cfg.cnt, 3);
	ck_assert_str_eq(cfg.source[KA_IDLE], "KEEPIDLE");
	ck_assert_str_eq(cfg.source[KA_INTVL], "KEEPINTVL");
	ck_assert_str_eq(cfg.source[KA_CNT], "KEEPCNT");

	load_env(&cfg, ENV("DD_TCP_KEEPALIVE_TIME=34", "KEEPIDLE=33", "KEEPALIVE_IDLE=30",
			   "DD_TCP_KEEPALIVE_INTVL=8", "KEEPALIVE_CNT=4", "DD_TCP_KEEPALIVE_PROBES=2"));
	ck_assert_int_eq(cfg.idle_s, 30);
	ck_assert_int_eq(cfg.intvl_s, 8);
	ck_assert_int_eq(cfg.cnt, 4);
	ck_assert_str_eq(cfg.source[KA_IDLE], "KEEPALIVE_IDLE");
	ck_assert_str_eq(cfg.source[KA_INTVL], "DD_TCP_KEEPALIVE_INTVL");
	ck_assert_str_eq(cfg.source[KA_CNT], "KEEPALIVE_CNT");

	/* A blank variable of ours is unset: the old one applies. */
	load_env(&cfg, ENV("KEEPALIVE_IDLE= ", "KEEPIDLE=33"));
	ck_assert_int_eq(cfg.idle_s, 33);
	ck_assert_str_eq(cfg.source[KA_IDLE], "KEEPIDLE");

	/* libdontdie's switch: DD_USE_KEEPALIVE=1 keeps it on, ours wins. */
	load_env(&cfg, ENV("DD_USE_KEEPALIVE=1"));
	ck_assert(cfg.enabled);
	ck_assert_str_eq(cfg.source[KA_ENABLE], "DD_USE_KEEPALIVE");
	load_env(&cfg, ENV("DD_USE_KEEPALIVE=1", "KEEPALIVE=off"));
	ck_assert(!cfg.enabled);
	ck_assert_str_eq(cfg.source[KA_ENABLE], "KEEPALIVE");
	load_env(&cfg, ENV("DD_DEBUG=1", "KEEPALIVE_DEBUG=2"));
	ck_assert_int_eq(cfg.debug, 2);
}
END_TEST

/* A bad old value is reported under its own name. */
START_TEST(compat_bad)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPIDLE=10x"));
	ck_assert_int_eq(cfg.idle_s, 60);
	ck_assert_int_eq(cfg.nproblems, 1);
	ck_assert_str_eq(cfg.problems[0].variable, "KEEPIDLE");
	load_env(&cfg, ENV("DD_TCP_KEEPALIVE_PROBES=500"));
	ck_assert_int_eq(cfg.cnt, 6);
	ck_assert_int_eq(cfg.nproblems, 1);
	ck_assert_str_eq(cfg.problems[0].variable, "DD_TCP_KEEPALIVE_PROBES");
	ck_assert_int_eq(cfg.problems[0].kind, KA_PROBLEM_RANGE);
}
END_TEST

START_TEST(compat_lists)
{
	const char *const *idle = ka_setting_compat_variables(KA_IDLE);
	const char *const *enable = ka_setting_compat_variables(KA_ENABLE);

	ck_assert_str_eq(idle[0], "KEEPIDLE");
	ck_assert_str_eq(idle[1], "DD_TCP_KEEPALIVE_TIME");
	ck_assert_ptr_null(idle[2]);
	ck_assert_str_eq(enable[0], "DD_USE_KEEPALIVE");
	ck_assert_ptr_null(enable[1]);
	ck_assert_ptr_null(ka_setting_compat_variables(KA_DETECT)[0]);
}
END_TEST

/* KEEPALIVE_PID: a whole decimal number, anything else ignored. */
START_TEST(owner_pid)
{
	static const struct {
		const char *pair;
		long long pid;
	} cases[] = {
		{ "KEEPALIVE_PID=1234", 1234 },
		{ "KEEPALIVE_PID=1", 1 },
		{ "KEEPALIVE_PID=4194304", 4194304 },
		{ "KEEPALIVE_PID=0", 0 },
		{ "KEEPALIVE_PID=", 0 },
		{ "KEEPALIVE_PID=12x", 0 },
		{ "KEEPALIVE_PID= 12", 0 },
		{ "KEEPALIVE_PID=12 ", 0 },
		{ "KEEPALIVE_PID=-12", 0 },
		{ "KEEPALIVE_PID=+12", 0 },
		{ "KEEPALIVE_PID=0x12", 0 },
		{ "KEEPALIVE_PIDX=12", 0 },
	};
	struct ka_config cfg;

	for (int i = 0; i < N(cases); i++) {
		load_env(&cfg, ENV("KEEPALIVE_INHERIT=no", cases[i].pair));
		ck_assert_msg(cfg.owner_pid == cases[i].pid, "%s gave %lld", cases[i].pair,
			      cfg.owner_pid);
		ck_assert(!cfg.inherit);
		/* Not a setting: never a warning. */
		ck_assert_int_eq(cfg.nproblems, 0);
	}
}
END_TEST

Suite *compat_suite(void)
{
	Suite *s = suite_create("compat");
	TCase *tc = tcase_create("compat");

	tcase_add_loop_test(tc, compat_alone, 0, N(compat_cases));
	tcase_add_test(tc, compat_precedence);
	tcase_add_test(tc, compat_bad);
	tcase_add_test(tc, compat_lists);
	tcase_add_test(tc, owner_pid);
	suite_add_tcase(s, tc);
	return s;
}
