/* The settings behind the optional features: port lists, roles and modes,
 * KEEPALIVE_DETECT and its split into timers, the older shims' variables and
 * KEEPALIVE_PID. */
#include <stdio.h>
#include <string.h>

#include "unit.h"

#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Port lists. */

static const struct {
	const char *text;
	int n;
	struct ka_port_range ranges[3];
} good_ports[] = {
	{ "5432", 1, { { 5432, 5432 } } },
	{ "1", 1, { { 1, 1 } } },
	{ "65535", 1, { { 65535, 65535 } } },
	{ "1-65535", 1, { { 1, 65535 } } },
	{ "5432,6379,8000-8100", 3, { { 5432, 5432 }, { 6379, 6379 }, { 8000, 8100 } } },
	{ " 5432 , 6379 ,\t8000 - 8100 ", 3, { { 5432, 5432 }, { 6379, 6379 }, { 8000, 8100 } } },
	{ "80-80", 1, { { 80, 80 } } },
	{ "0080", 1, { { 80, 80 } } },
};

static const struct {
	const char *text;
	enum ka_problem_kind kind;
} bad_ports[] = {
	{ "0", KA_PROBLEM_RANGE },
	{ "65536", KA_PROBLEM_RANGE },
	{ "1-65536", KA_PROBLEM_RANGE },
	{ "0-10", KA_PROBLEM_RANGE },
	{ "8100-8000", KA_PROBLEM_RANGE },
	{ "99999999999999999999", KA_PROBLEM_RANGE },
	{ "0x50", KA_PROBLEM_RANGE }, /* strtol reads the 0 */
	{ "", KA_PROBLEM_FORM },
	{ ",", KA_PROBLEM_FORM },
	{ "5432,", KA_PROBLEM_FORM },
	{ ",5432", KA_PROBLEM_FORM },
	{ "5432,,6379", KA_PROBLEM_FORM },
	{ "5432;6379", KA_PROBLEM_FORM },
	{ "5432 6379", KA_PROBLEM_FORM },
	{ "-5", KA_PROBLEM_FORM },
	{ "+5", KA_PROBLEM_FORM },
	{ "5-", KA_PROBLEM_FORM },
	{ "1-2-3", KA_PROBLEM_FORM },
	{ "http", KA_PROBLEM_FORM },
	{ "80\n", KA_PROBLEM_FORM },
	{ "80x", KA_PROBLEM_FORM },
};

START_TEST(ports_good)
{
	struct ka_port_range ranges[KA_MAX_PORT_RANGES];
	enum ka_problem_kind kind;
	int n = -1;

	ck_assert_msg(ka_parse_ports(good_ports[_i].text, ranges, &n, &kind), "'%s' rejected",
		      good_ports[_i].text);
	ck_assert_int_eq(n, good_ports[_i].n);
	for (int i = 0; i < n; i++) {
		ck_assert_int_eq(ranges[i].lo, good_ports[_i].ranges[i].lo);
		ck_assert_int_eq(ranges[i].hi, good_ports[_i].ranges[i].hi);
	}
}
END_TEST

START_TEST(ports_bad)
{
	struct ka_port_range ranges[KA_MAX_PORT_RANGES];
	enum ka_problem_kind kind = (enum ka_problem_kind)-1;
	int n;

	ck_assert_msg(!ka_parse_ports(bad_ports[_i].text, ranges, &n, &kind), "'%s' accepted",
		      bad_ports[_i].text);
	ck_assert_msg(kind == bad_ports[_i].kind, "'%s': kind %d, expected %d",
		      bad_ports[_i].text, kind, bad_ports[_i].kind);
}
END_TEST

/* "1,2,...,COUNT" */
static void port_list(char *buf, size_t len, int count)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 1; i <= count; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%d", i > 1 ? "," : "", i);
}

START_TEST(ports_count)
{
	struct ka_port_range ranges[KA_MAX_PORT_RANGES + 1];
	enum ka_problem_kind kind;
	char text[256];
	int n;

	port_list(text, sizeof text, KA_MAX_PORT_RANGES);
	ck_assert(ka_parse_ports(text, ranges, &n, &kind));
	ck_assert_int_eq(n, KA_MAX_PORT_RANGES);
	ck_assert_int_eq(ranges[31].lo, 32);

	/* 33 entries: refused, and nothing written past the 32 slots. */
	ranges[KA_MAX_PORT_RANGES].lo = -7;
	port_list(text, sizeof text, KA_MAX_PORT_RANGES + 1);
	ck_assert(!ka_parse_ports(text, ranges, &n, &kind));
	ck_assert_int_eq(kind, KA_PROBLEM_RANGE);
	ck_assert_int_eq(ranges[KA_MAX_PORT_RANGES].lo, -7);
}
END_TEST

START_TEST(ports_loaded)
{
	struct ka_config cfg;

	load_env(&cfg, ENV("KEEPALIVE_PORTS=5432,6379,8000-8100"));
	ck_assert_int_eq(cfg.nports, 3);
	ck_assert_str_eq(cfg.source[KA_PORTS], "KEEPALIVE_PORTS");
	ck_assert(ka_config_filters(&cfg));
	ck_assert(ka_config_port_in_scope(&cfg, 5432));
	ck_assert(ka_config_port_in_scope(&cfg, 6379));
	ck_assert(ka_config_port_in_scope(&cfg, 8000));
	ck_assert(ka_config_port_in_scope(&cfg, 8050));
	ck_assert(ka_config_port_in_scope(&cfg, 8100));
	ck_assert(!ka_config_port_in_scope(&cfg, 7999));
	ck_assert(!ka_config_port_in_scope(&cfg, 8101));
	ck_assert(!ka_config_port_in_scope(&cfg, 5433));
	ck_assert(!ka_config_port_in_scope(&cfg, -1)); /* not an IP address */
	ck_assert_int_eq(cfg.nproblems, 0);

	/* A bad list: one problem, and no filter at all. */
	load_env(&cfg, ENV("KEEPALIVE_PORTS=5432,,6379"));
	ck_assert_int_eq(cfg.nports, 0);
	ck_assert_ptr_null(cfg.source[KA_PORTS]);
	ck_assert(!ka_config_filters(&cfg));
	ck_assert(ka_config_port_in_scope(&cfg, 1234));
	ck_assert_int_eq(cfg.nproblems, 1);
	ck_assert_int_eq(cfg.problems[0].setting, KA_PORTS);
	ck_assert_str_eq(cfg.problems[0].value, "5432,,6379");

	/* A good list that failed late (33 entries) leaves no ranges behind. */
	{
		char pair[300] = "KEEPALIVE_PORTS=";

		port_list(pair + strlen(pair), sizeof pair - strlen(pair), 33);
		load_env(&cfg, ENV(pair));
		ck_assert_int_eq(cfg.nports, 0);
		ck_assert(!ka_config_filters(&cfg));
		ck_assert_int_eq(cfg.nproblems, 1);
	}

	/* Unset and blank: every port. */
	load_env(&cfg, ENV("KEEPALIVE_PORTS= "));
	ck_assert_int_eq(cfg.nports, 0);
	ck_assert_int_eq(cfg.nproblems, 0);
	ck_assert(!ka_config_filters(&cfg));
}
END_TEST

/* Roles and modes. */

START_TEST(roles)
{
	static const struct {
		const char *pair;
		enum ka_role role;
		bool filters;
		int problems;
	} cases[] = {
		{ "KEEPALIVE_ROLE=client", KA_ROLE_CLIENT, true, 0 },
		{ "KEEPALIVE_ROLE=server", KA_ROLE_SERVER, true, 0 },
		{ "KEEPALIVE_ROLE=all", KA_ROLE_ALL, false, 0 },
		{ "KEEPALIVE_ROLE= Server ", KA_ROLE_SERVER, true, 0 },
		{ "KEEPALIVE_ROLE=CLIENT", KA_ROLE_CLIENT, true, 0 },
		{ "KEEPALIVE_ROLE=both", KA_ROLE_ALL, false, 1 },
		{ "KEEPALIVE_ROLE=clients", KA_ROLE_ALL, false, 1 },
		{ "KEEPALIVE_ROLE=1", KA_ROLE_ALL, false, 1 },
		{ "KEEPALIVE_ROLE=", KA_ROLE_ALL, false, 0 },
	};
	struct ka_config cfg;

	for (int i = 0; i < N(cases); i++) {
		load_env(&cfg, ENV(cases[i].pair));
		ck_assert_msg(cfg.role == cases[i].role, "%s: role %d", cases[i].pair, cfg.role);
		ck_assert_msg(ka_config_filters(&cfg) == cases[i].filters, "%s: filters",
			      cases[i].pair);
		ck_assert_msg(cfg.nproblems == cases[i].problems, "%s: %d problems", cases[i].pair,
			      cfg.nproblems);
		if (cases[i].problems)
			ck_assert_int_eq(cfg.problems[0].setting, KA_ROLE);
	}
}
END_TEST

START_TEST(modes_and_inherit)
{
	static const struct {
		const char *pair;
		bool force, inherit;
		int problems;
	} cases[] = {
		{ "KEEPALIVE_MODE=force", true, true, 0 },
		{ "KEEPALIVE_MODE=FORCE", true, true, 0 },
		{ "KEEPALIVE_MODE=respect", false, true, 0 },
		{ "KEEPALIVE_MODE=\trespect\n", false, true, 0 },
		{ "KEEPALIVE_MODE=forced", false, true, 1 },
		{ "KEEPALIVE_MODE=1", false, true, 1 },
		{ "KEEPALIVE_INHERIT=no", false, false, 0 },
		{ "KEEPALIVE_INHERIT=0", false, false, 0 },
		{ "KEEPALIVE_INHERIT=off", false, false, 0 },
		{ "KEEPALIVE_INHERIT=False", false, false, 0 },
		{ "KEEPALIVE_INHERIT=yes", false, true, 0 },
		{ "KEEPALIVE_INHERIT=never", false, true, 1 },
	};
	struct ka_config cfg;

	for (int i = 0; i < N(cases); i++) {
		load_env(&cfg, ENV(cases[i].pair));
		ck_assert_msg(cfg.force == cases[i].force, "%s: force", cases[i].pair);
		ck_assert_msg(cfg.inherit == cases[i].inherit, "%s: inherit", cases[i].pair);
		ck_assert_msg(cfg.nproblems == cases[i].problems, "%s: %d problems", cases[i].pair,
			      cfg.nproblems);
		/* Neither narrows which sockets are configured. */
		ck_assert(!ka_config_filters(&cfg));
	}
	load_env(&cfg, ENV("PATH=/bin"));
	ck_assert(!cfg.force);
	ck_assert(cfg.inherit);
	ck_assert_int_eq(cfg.role, KA_ROLE_ALL);
	ck_assert_int_eq(cfg.nports, 0);
	ck_assert_int_eq(cfg.detect_s, 0);
	ck_assert_int_eq(cfg.owner_pid, 0);
}
END_TEST

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
	ck_assert_int_eq(cfg.user_timeout_ms, 90000);
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
	ck_assert_int_eq(cfg.user_timeout_ms, 3000);

	load_env(&cfg, ENV("KEEPALIVE_DETECT=2h"));
	ck_assert_int_eq(cfg.idle_s, 3600);
	ck_assert_int_eq(cfg.user_timeout_ms, 7200000);

	/* The largest: INT_MAX ms rounded down to whole seconds. */
	load_env(&cfg, ENV("KEEPALIVE_DETECT=2147483"));
	ck_assert_int_eq(cfg.user_timeout_ms, 2147483000);
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

	load_env(&cfg, ENV("KEEPALIVE_DETECT=90", "KEEPALIVE_IDLE=30"));
	ck_assert_int_eq(cfg.idle_s, 30);
	ck_assert_str_eq(cfg.source[KA_IDLE], "KEEPALIVE_IDLE");
	ck_assert(!cfg.from_detect[KA_IDLE]);
	ck_assert_int_eq(cfg.intvl_s, 9);
	ck_assert_int_eq(cfg.cnt, 5);
	ck_assert_int_eq(cfg.user_timeout_ms, 90000);
	ck_assert_int_eq(cfg.nproblems, 0);

	load_env(&cfg, ENV("KEEPALIVE_DETECT=90", "KEEPALIVE_INTVL=2", "KEEPALIVE_CNT=3",
			   "KEEPALIVE_USER_TIMEOUT=60s"));
	ck_assert_int_eq(cfg.idle_s, 45);
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
	ck_assert_int_eq(cfg.intvl_s, 9);
	ck_assert_int_eq(cfg.cnt, 2);
	ck_assert_int_eq(cfg.nproblems, 0);
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
	ka_problem_format(&cfg->problems[found], cfg, line, sizeof line);
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
	ck_assert_int_eq(cfg.user_timeout_ms, 10000);
	ck_assert_int_eq(cfg.nproblems, 1);
	assert_over_detect(&cfg, ENV("KEEPALIVE_IDLE", "KEEPALIVE_DETECT=10"));

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
	ck_assert_int_eq(cfg.user_timeout_ms, 1000 * (cfg.idle_s + cfg.intvl_s * cfg.cnt));

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

Suite *features_suite(void)
{
	Suite *s = suite_create("features");
	TCase *tc = tcase_create("ports");

	tcase_add_loop_test(tc, ports_good, 0, N(good_ports));
	tcase_add_loop_test(tc, ports_bad, 0, N(bad_ports));
	tcase_add_test(tc, ports_count);
	tcase_add_test(tc, ports_loaded);
	tcase_add_test(tc, roles);
	tcase_add_test(tc, modes_and_inherit);
	suite_add_tcase(s, tc);

	tc = tcase_create("detect");
	tcase_add_test(tc, split_table);
	tcase_add_test(tc, split_exhaustive);
	tcase_add_test(tc, split_large);
	tcase_add_test(tc, detect_loaded);
	tcase_add_test(tc, detect_explicit_wins);
	tcase_add_test(tc, detect_exceeded);
	suite_add_tcase(s, tc);

	tc = tcase_create("compat");
	tcase_add_loop_test(tc, compat_alone, 0, N(compat_cases));
	tcase_add_test(tc, compat_precedence);
	tcase_add_test(tc, compat_bad);
	tcase_add_test(tc, compat_lists);
	tcase_add_test(tc, owner_pid);
	suite_add_tcase(s, tc);
	return s;
}
