/* KEEPALIVE_DETECT: its split into timers, and its precedence. */
#include <stdio.h>
#include <string.h>

#include "unit.h"

/* KEEPALIVE_DETECT split into timers. */

static void assert_split(int detect, int idle, int intvl, int cnt)
{
	int i, v, c;

	ka_detect_split(detect, &i, &v, &c);
	ck_assert_msg(i == idle && v == intvl && c == cnt, "%d s split as %d %d %d, expected %d %d %d",
		      detect, i, v, c, idle, intvl, cnt);
}

/* The table in detect.c's comment. */
START_TEST(split_table)
{
	assert_split(2, 1, 1, 1);
	assert_split(3, 1, 1, 2);
	assert_split(10, 5, 1, 5);
	assert_split(90, 45, 9, 5);
	assert_split(2 * 3600, 3600, 720, 5);
	assert_split(24 * 86400, 32715, 32395, 63);
}
END_TEST

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

/* ck_assert_msg records its place through a pipe on every call: in loops of
 * a hundred thousand values that alone takes seconds, so these loops only
 * call into Check when a value is wrong. */
#define split_check(cond, ...)                     \
	do {                                       \
		if (!(cond))                       \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

/* Every detection time up to 100000 s: the sum is exact, each timer within
 * the kernel's range, about half idle (rounding takes at most cnt - 1 s
 * from it), at most five probes, the interval the rest rounded up. */
START_TEST(split_exhaustive)
{
	for (int d = KA_DETECT_MIN_S; d <= 100000; d++) {
		int idle, intvl, cnt, half = min_int(d / 2, KA_SECONDS_MAX), rest;

		ka_detect_split(d, &idle, &intvl, &cnt);
		split_check((long long)idle + (long long)intvl * cnt == d, "%d: %d + %d x %d", d,
			      idle, intvl, cnt);
		split_check(idle >= KA_SECONDS_MIN && idle <= KA_SECONDS_MAX, "%d: idle %d", d, idle);
		split_check(intvl >= KA_SECONDS_MIN && intvl <= KA_SECONDS_MAX, "%d: intvl %d", d,
			      intvl);
		split_check(cnt >= 1 && cnt <= 5, "%d: cnt %d", d, cnt);
		split_check(idle <= (half > 0 ? half : 1), "%d: idle %d over half", d, idle);
		split_check(idle >= half - (cnt - 1), "%d: idle %d far below half", d, idle);
		rest = d - half;
		split_check(cnt == min_int(rest, 5), "%d: cnt %d for rest %d", d, cnt, rest);
		split_check(intvl == (rest + cnt - 1) / cnt, "%d: intvl %d for rest %d", d, intvl,
			      rest);
	}
}
END_TEST

/* Beyond: the sum stays exact and the timers in range up to 24 days and
 * more (every 7th value, to stay quick). */
START_TEST(split_large)
{
	for (int d = 100001; d <= KA_DETECT_MAX_S; d += 7) {
		int idle, intvl, cnt;

		ka_detect_split(d, &idle, &intvl, &cnt);
		split_check((long long)idle + (long long)intvl * cnt == d, "%d: %d + %d x %d", d,
			      idle, intvl, cnt);
		split_check(idle >= 1 && idle <= KA_SECONDS_MAX && intvl >= 1 &&
				      intvl <= KA_SECONDS_MAX && cnt >= 1 && cnt <= KA_CNT_MAX,
			      "%d: %d %d %d", d, idle, intvl, cnt);
	}
	assert_split(KA_DETECT_MAX_S, 32708, 32535, 65);
}
END_TEST

START_TEST(detect_loaded)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_DETECT=90"));
	ck_assert_int_eq(cfg.detect_s, 90);
	ck_assert_int_eq(cfg.idle_s, 45);
	ck_assert_int_eq(cfg.intvl_s, 9);
	ck_assert_int_eq(cfg.cnt, 5);
	/* 1 s short of the detection time, for data in flight (settings.c);
	 * an idle connection is still dropped at the fifth probe, at 90 s. */
	ck_assert_int_eq(cfg.user_timeout_ms, 89000);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 90000);
	ck_assert(!cfg.user_timeout_derived);
	ck_assert_str_eq(cfg.source[KA_DETECT], "KEEPALIVE_DETECT");
	/* Derived values have no variable of their own. */
	ck_assert_ptr_null(cfg.source[KA_IDLE]);
	ck_assert_ptr_null(cfg.source[KA_INTVL]);
	ck_assert_ptr_null(cfg.source[KA_CNT]);
	ck_assert_ptr_null(cfg.source[KA_USER_TIMEOUT]);
	ck_assert(cfg.from_detect[KA_IDLE] && cfg.from_detect[KA_INTVL] &&
		  cfg.from_detect[KA_CNT] && cfg.from_detect[KA_USER_TIMEOUT]);
	ck_assert_int_eq(cfg.nproblems, 0);

	load_env(&cfg, ENV("KEEPALIVE_DETECT=3s"));
	ck_assert_int_eq(cfg.idle_s + cfg.intvl_s * cfg.cnt, 3);
	ck_assert_int_eq(cfg.user_timeout_ms, 2250);
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 3000);

	load_env(&cfg, ENV("KEEPALIVE_DETECT=2h"));
	ck_assert_int_eq(cfg.idle_s, 3600);
	ck_assert_int_eq(cfg.user_timeout_ms, 7199000);

	/* The largest: INT_MAX ms rounded down to whole seconds, less 1 s. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=2147483"));
	ck_assert_int_eq(cfg.user_timeout_ms, 2147482000);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* Out of range or not whole seconds: one problem, no detection time. */
	static const char *const bad[] = { "KEEPALIVE_DETECT=1", "KEEPALIVE_DETECT=2147484",
					   "KEEPALIVE_DETECT=2500ms", "KEEPALIVE_DETECT=0",
					   "KEEPALIVE_DETECT=soon" };
	for (int i = 0; i < N(bad); i++) {
		load_env(&cfg, ENV(bad[i]));
		ck_assert_msg(cfg.detect_s == 0 && cfg.idle_s == 60 && cfg.user_timeout_derived,
			      "%s applied", bad[i]);
		ck_assert_int_eq(cfg.nproblems, 1);
		ck_assert_int_eq(cfg.problems[0].setting, KA_DETECT);
	}
}
END_TEST

/* Explicit timers win over the derived ones; the others still come from
 * the split, and no warning while detection stays within the time. */
START_TEST(detect_explicit_wins)
{
	struct ka_config cfg;

	/* The others are fitted around it: 30 + 12 x 5 = 90 exactly. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=90", "KEEPALIVE_IDLE=30"));
	ck_assert_int_eq(cfg.idle_s, 30);
	ck_assert_str_eq(cfg.source[KA_IDLE], "KEEPALIVE_IDLE");
	ck_assert(!cfg.from_detect[KA_IDLE]);
	ck_assert_int_eq(cfg.intvl_s, 12);
	ck_assert_int_eq(cfg.cnt, 5);
	ck_assert(cfg.from_detect[KA_INTVL] && cfg.from_detect[KA_CNT]);
	ck_assert_int_eq(cfg.user_timeout_ms, 89000);
	ck_assert_int_eq(cfg.nproblems, 0);

	load_env(&cfg, ENV("KEEPALIVE_DETECT=90", "KEEPALIVE_INTVL=2", "KEEPALIVE_CNT=3",
			   "KEEPALIVE_USER_TIMEOUT=60s"));
	ck_assert_int_eq(cfg.idle_s, 84);
	ck_assert_int_eq(cfg.intvl_s, 2);
	ck_assert_int_eq(cfg.cnt, 3);
	ck_assert_int_eq(cfg.user_timeout_ms, 60000);
	ck_assert_str_eq(cfg.source[KA_USER_TIMEOUT], "KEEPALIVE_USER_TIMEOUT");
	ck_assert(!cfg.from_detect[KA_USER_TIMEOUT]);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* User timeout 0 (leave the kernel's) stands too. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=10", "KEEPALIVE_USER_TIMEOUT=0"));
	ck_assert_int_eq(cfg.user_timeout_ms, 0);
	ck_assert_int_eq(cfg.idle_s + cfg.intvl_s * cfg.cnt, 10);
	ck_assert_int_eq(cfg.nproblems, 0);

	/* The older shims' timers are explicit too. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=90", "KEEPIDLE=20", "DD_TCP_KEEPALIVE_PROBES=2"));
	ck_assert_int_eq(cfg.idle_s, 20);
	ck_assert_int_eq(cfg.intvl_s, 35);
	ck_assert_int_eq(cfg.cnt, 2);
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

/* Whatever single timer is explicit, the others are fitted so that the sum
 * is exactly the detection time and the kernel drops an idle connection
 * right then: no warning, for every detection time up to two hours. */
START_TEST(detect_fitted)
{
	static const char *const names[] = { "KEEPALIVE_IDLE", "KEEPALIVE_INTVL", "KEEPALIVE_CNT" };
	static const int values[] = { 1, 2, 3, 7, 30, 59 };

	for (int d = KA_DETECT_MIN_S; d <= 7200; d += d < 200 ? 1 : 37) {
		for (int n = 0; n < 3; n++) {
			for (int v = 0; v < N(values); v++) {
				char detect[32], timer[48];
				struct ka_config cfg;
				long long sum;

				if (values[v] >= d)
					continue;
				snprintf(detect, sizeof detect, "KEEPALIVE_DETECT=%d", d);
				snprintf(timer, sizeof timer, "%s=%d", names[n], values[v]);
				load_env(&cfg, ENV(detect, timer));
				sum = cfg.idle_s + (long long)cfg.intvl_s * cfg.cnt;
				if (sum != d)
					continue; /* no exact fit: checked below */
				if (cfg.nproblems != 0 || ka_config_idle_detection_ms(&cfg) != 1000LL * d)
					ck_abort_msg("%s %s: %d + %d x %d, %d problems", detect, timer,
						     cfg.idle_s, cfg.intvl_s, cfg.cnt, cfg.nproblems);
			}
		}
	}
	/* Where no exact fit exists, the split's interval is kept and the user
	 * timeout follows the shorter timers: 30 + 10 x 2 = 50 s, within 91. */
	{
		struct ka_config cfg;

		load_env(&cfg, ENV("KEEPALIVE_DETECT=91", "KEEPALIVE_IDLE=30", "KEEPALIVE_CNT=2"));
		ck_assert_int_eq(cfg.intvl_s, 10);
		ck_assert_int_eq(cfg.user_timeout_ms, 49000);
		ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 50000);
		ck_assert_int_eq(cfg.nproblems, 0);
	}
}
END_TEST

/* The kernel's rule: without a user timeout, cnt probes; with one, the
 * first probe once the connection has been idle that long. */
START_TEST(idle_detection_rule)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=0"));
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 50000);
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4"));
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 50000); /* derived: the same */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=10s"));
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 35000); /* at least one probe */
	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_USER_TIMEOUT=41s"));
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 45000);
	load_env(&cfg, ENV("KEEPALIVE_IDLE=1", "KEEPALIVE_INTVL=1", "KEEPALIVE_CNT=1",
			   "KEEPALIVE_USER_TIMEOUT=5s"));
	ck_assert_int_eq(ka_config_idle_detection_ms(&cfg), 5000); /* later than 2 s */
}
END_TEST

static void assert_over_detect(const struct ka_config *cfg, const char *const *names)
{
	char line[512];
	int found = -1;

	for (int i = 0; i < cfg->nproblems; i++) {
		ck_assert_msg(cfg->problems[i].kind != KA_PROBLEM_OVER_DETECT || found < 0,
			      "two OVER_DETECT problems");
		if (cfg->problems[i].kind == KA_PROBLEM_OVER_DETECT)
			found = i;
	}
	ck_assert_msg(found >= 0, "no OVER_DETECT problem");
	ck_assert_int_eq(cfg->problems[found].setting, KA_DETECT);
	ck_assert_str_eq(cfg->problems[found].variable, "KEEPALIVE_DETECT");
	library_problem_format(&cfg->problems[found], cfg, line, sizeof line);
	for (const char *const *n = names; *n != NULL; n++)
		ck_assert_msg(strstr(line, *n) != NULL, "'%s' not named in: %s", *n, line);
	ck_assert_msg(strchr(line, '\n') == NULL, "two lines: %s", line);
}

START_TEST(detect_exceeded)
{
	struct ka_config cfg;

	/* Explicit idle too long: applied, one warning naming it. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=10", "KEEPALIVE_IDLE=100"));
	ck_assert_int_eq(cfg.idle_s, 100);
	ck_assert_int_eq(cfg.user_timeout_ms, 9250);
	ck_assert_int_eq(cfg.nproblems, 1);
	assert_over_detect(&cfg, ENV("KEEPALIVE_IDLE", "KEEPALIVE_DETECT='10'"));

	/* Two explicit timers: both named, still one warning. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=10", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=9"));
	ck_assert_int_eq(cfg.intvl_s, 5);
	ck_assert_int_eq(cfg.cnt, 9);
	ck_assert_int_eq(cfg.nproblems, 1);
	assert_over_detect(&cfg, ENV("KEEPALIVE_INTVL", "KEEPALIVE_CNT"));

	/* A user timeout longer than the detection time. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=10", "KEEPALIVE_USER_TIMEOUT=11s"));
	ck_assert_int_eq(cfg.user_timeout_ms, 11000);
	ck_assert_int_eq(cfg.nproblems, 1);
	assert_over_detect(&cfg, ENV("KEEPALIVE_USER_TIMEOUT"));

	/* An older shim's variable is named as it was given. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=10", "KEEPCNT=20"));
	ck_assert_int_eq(cfg.nproblems, 1);
	assert_over_detect(&cfg, ENV("KEEPCNT"));

	/* Exactly the detection time is not over it. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=10", "KEEPALIVE_IDLE=5", "KEEPALIVE_INTVL=1",
			   "KEEPALIVE_CNT=5", "KEEPALIVE_USER_TIMEOUT=10s"));
	ck_assert_int_eq(cfg.nproblems, 0);
}
END_TEST

Suite *detect_suite(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("detect");

	tcase_add_test(tc, split_table);
	tcase_add_test(tc, split_exhaustive);
	tcase_add_test(tc, split_large);
	tcase_add_test(tc, detect_loaded);
	tcase_add_test(tc, detect_explicit_wins);
	tcase_add_test(tc, detect_fitted);
	tcase_add_test(tc, idle_detection_rule);
	tcase_add_test(tc, detect_exceeded);
	suite_add_tcase(s, tc);
	return s;
}
