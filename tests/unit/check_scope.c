/* The settings behind scope and mode: port lists, roles, KEEPALIVE_MODE and
 * KEEPALIVE_INHERIT. */
#include <stdio.h>
#include <string.h>

#include "decide.h"
#include "unit.h"

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

Suite *scope_suite(void)
{
	Suite *s = suite_create("scope");
	TCase *tc = tcase_create("ports");

	tcase_add_loop_test(tc, ports_good, 0, N(good_ports));
	tcase_add_loop_test(tc, ports_bad, 0, N(bad_ports));
	tcase_add_test(tc, ports_count);
	tcase_add_test(tc, ports_loaded);
	tcase_add_test(tc, roles);
	tcase_add_test(tc, modes_and_inherit);
	suite_add_tcase(s, tc);
	return s;
}
