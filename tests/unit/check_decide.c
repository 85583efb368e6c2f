/* The policy (src/common/decide.c) over a table of cases, the table of the
 * five options, and the settings table every message is read from. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "decide.h"
#include "unit.h"

#define ALL KA_OPT_ALL
#define NO_UT (KA_OPT_ALL & ~(unsigned)KA_OPT_USER_TIMEOUT)
#define TCP KA_KIND_TCP
#define UNDECIDED KA_SIDE_UNDECIDED
#define CLIENT KA_SIDE_CLIENT
#define LISTENER KA_SIDE_LISTENER
#define ACCEPTED KA_SIDE_ACCEPTED
#define K_UNKNOWN KA_KEEPALIVE_UNKNOWN
#define K_OFF KA_KEEPALIVE_OFF
#define K_ON KA_KEEPALIVE_ON
#define K_OURS KA_KEEPALIVE_OURS
#define K_OTHER KA_KEEPALIVE_OTHER

struct decide_case {
	const char *what;
	const char *env[3]; /* NAME=VALUE pairs, NULL-terminated */
	struct ka_socket_facts facts;
	struct ka_decision expected;
};

#define CONFIGURE(set, kept) { KA_CONFIGURE, KA_WHY_NONE, set, kept }
#define LEAVE(why) { KA_LEAVE, why, 0, 0 }
#define NEED(what) { what, KA_WHY_NONE, 0, 0 }
#define LATER { KA_LATER, KA_WHY_NONE, 0, 0 }

/* facts: kind, side, port, in_scope, keepalive, made_here, program options */
static const struct decide_case cases[] = {
	{ "off", { "KEEPALIVE=off" }, { TCP, UNDECIDED, -1, false, K_UNKNOWN, true, 0 },
	  LEAVE(KA_WHY_DISABLED) },
	{ "kind unknown", { "X=1" }, { KA_KIND_UNKNOWN, CLIENT, 80, false, K_OFF, false, 0 },
	  NEED(KA_NEED_KIND) },
	{ "UDP", { "X=1" }, { KA_KIND_OTHER, CLIENT, 80, false, K_OFF, false, 0 },
	  LEAVE(KA_WHY_NOT_TCP) },
	{ "UDP, force", { "KEEPALIVE_MODE=force" },
	  { KA_KIND_OTHER, CLIENT, 80, false, K_OFF, false, 0 }, LEAVE(KA_WHY_NOT_TCP) },
	{ "made here, no filters", { "X=1" }, { TCP, UNDECIDED, -1, false, K_UNKNOWN, true, 0 },
	  CONFIGURE(ALL, 0) },
	{ "made here, user timeout 0", { "KEEPALIVE_USER_TIMEOUT=0" },
	  { TCP, UNDECIDED, -1, false, K_UNKNOWN, true, 0 }, CONFIGURE(NO_UT, 0) },
	{ "made here, role filter", { "KEEPALIVE_ROLE=client" },
	  { TCP, UNDECIDED, -1, false, K_UNKNOWN, true, 0 }, LATER },
	{ "made here, port filter", { "KEEPALIVE_PORTS=80" },
	  { TCP, UNDECIDED, -1, false, K_UNKNOWN, true, 0 }, LATER },
	{ "unseen, force, no filters", { "KEEPALIVE_MODE=force" },
	  { TCP, UNDECIDED, -1, false, K_UNKNOWN, false, 0 }, CONFIGURE(ALL, 0) },
	{ "client, role server", { "KEEPALIVE_ROLE=server" },
	  { TCP, CLIENT, 80, false, K_UNKNOWN, true, 0 }, LEAVE(KA_WHY_ROLE) },
	{ "listener, role client", { "KEEPALIVE_ROLE=client" },
	  { TCP, LISTENER, 80, false, K_UNKNOWN, true, 0 }, LEAVE(KA_WHY_ROLE) },
	{ "accepted, role client", { "KEEPALIVE_ROLE=client" },
	  { TCP, ACCEPTED, 80, false, K_UNKNOWN, false, 0 }, LEAVE(KA_WHY_ROLE) },
	{ "accepted, role server", { "KEEPALIVE_ROLE=server" },
	  { TCP, ACCEPTED, 80, false, K_OFF, false, 0 }, CONFIGURE(ALL, 0) },
	{ "port unknown", { "KEEPALIVE_PORTS=80" },
	  { TCP, LISTENER, -1, false, K_UNKNOWN, false, 0 }, NEED(KA_NEED_PORT) },
	{ "port outside", { "KEEPALIVE_PORTS=80" }, { TCP, CLIENT, 81, false, K_OFF, true, 0 },
	  LEAVE(KA_WHY_PORT) },
	{ "port inside a range", { "KEEPALIVE_PORTS=70-90" },
	  { TCP, CLIENT, 81, false, K_UNKNOWN, true, 0 }, CONFIGURE(ALL, 0) },
	{ "port outside, force", { "KEEPALIVE_PORTS=80", "KEEPALIVE_MODE=force" },
	  { TCP, CLIENT, 81, false, K_OFF, false, 0 }, LEAVE(KA_WHY_PORT) },
	{ "in scope already", { "KEEPALIVE_PORTS=80", "KEEPALIVE_ROLE=client" },
	  { TCP, ACCEPTED, -1, true, K_OFF, false, 0 }, CONFIGURE(ALL, 0) },
	{ "unseen, keepalive unknown", { "X=1" }, { TCP, CLIENT, 80, false, K_UNKNOWN, false, 0 },
	  NEED(KA_NEED_KEEPALIVE) },
	{ "unseen, its own keepalive", { "X=1" }, { TCP, CLIENT, 80, false, K_ON, false, 0 },
	  LEAVE(KA_WHY_OWN_KEEPALIVE) },
	{ "unseen, other values", { "X=1" }, { TCP, LISTENER, 80, false, K_OTHER, false, 0 },
	  LEAVE(KA_WHY_OWN_KEEPALIVE) },
	{ "unseen, ours already", { "X=1" }, { TCP, ACCEPTED, 80, false, K_OURS, false, 0 },
	  LEAVE(KA_WHY_ALREADY) },
	{ "unseen, off", { "X=1" }, { TCP, CLIENT, 80, false, K_OFF, false, 0 },
	  CONFIGURE(ALL, 0) },
	{ "unseen, the program's idle kept", { "X=1" },
	  { TCP, CLIENT, 80, false, K_OFF, false, KA_OPT_IDLE },
	  CONFIGURE(ALL & ~(unsigned)KA_OPT_IDLE, KA_OPT_IDLE) },
	{ "made here, the program turned a client's off", { "KEEPALIVE_PORTS=80" },
	  { TCP, CLIENT, 80, false, K_UNKNOWN, true, KA_OPT_KEEPALIVE | KA_OPT_IDLE },
	  CONFIGURE(ALL & ~(unsigned)(KA_OPT_KEEPALIVE | KA_OPT_IDLE),
		    KA_OPT_KEEPALIVE | KA_OPT_IDLE) },
	{ "made here, keepalive on by the program", { "KEEPALIVE_PORTS=80" },
	  { TCP, CLIENT, 80, false, K_UNKNOWN, true, KA_OPT_KEEPALIVE | KA_OPT_CNT },
	  CONFIGURE(KA_OPT_IDLE | KA_OPT_INTVL | KA_OPT_USER_TIMEOUT,
		    KA_OPT_KEEPALIVE | KA_OPT_CNT) },
	{ "made here, a listener's keepalive switched", { "KEEPALIVE_PORTS=80" },
	  { TCP, LISTENER, 80, false, K_UNKNOWN, true, KA_OPT_KEEPALIVE },
	  NEED(KA_NEED_KEEPALIVE) },
	{ "made here, on by the program: the rest configured", { "KEEPALIVE_PORTS=80" },
	  { TCP, CLIENT, 80, false, K_ON, true, KA_OPT_KEEPALIVE | KA_OPT_CNT },
	  CONFIGURE(KA_OPT_IDLE | KA_OPT_INTVL | KA_OPT_USER_TIMEOUT,
		    KA_OPT_KEEPALIVE | KA_OPT_CNT) },
	{ "made here, the program turned it off", { "KEEPALIVE_ROLE=server" },
	  { TCP, LISTENER, 80, false, K_OFF, true, KA_OPT_KEEPALIVE }, LEAVE(KA_WHY_PROGRAM_OFF) },
	{ "unseen listener the program turned off", { "X=1" },
	  { TCP, LISTENER, 80, false, K_OFF, false, KA_OPT_KEEPALIVE },
	  LEAVE(KA_WHY_PROGRAM_OFF) },
	{ "turned off by the program, force", { "KEEPALIVE_MODE=force" },
	  { TCP, LISTENER, 80, false, K_OFF, false, KA_OPT_KEEPALIVE }, CONFIGURE(ALL, 0) },
	{ "queued before the program's SO_KEEPALIVE on the listener", { "X=1" },
	  { TCP, ACCEPTED, -1, true, K_OFF, false, KA_OPT_KEEPALIVE },
	  CONFIGURE(ALL & ~(unsigned)KA_OPT_KEEPALIVE, KA_OPT_KEEPALIVE) },
	{ "force replaces its own keepalive", { "KEEPALIVE_MODE=force" },
	  { TCP, CLIENT, 80, false, K_ON, false, KA_OPT_IDLE }, CONFIGURE(ALL, 0) },
	{ "force: ours already", { "KEEPALIVE_MODE=force" },
	  { TCP, LISTENER, 80, false, K_OURS, false, 0 }, LEAVE(KA_WHY_ALREADY) },
	{ "force: accepted compared", { "KEEPALIVE_MODE=force" },
	  { TCP, ACCEPTED, -1, true, K_ON, false, 0 }, NEED(KA_NEED_VALUES) },
	{ "force: accepted with other values", { "KEEPALIVE_MODE=force" },
	  { TCP, ACCEPTED, -1, true, K_OTHER, false, 0 }, CONFIGURE(ALL, 0) },
	{ "force: client not compared", { "KEEPALIVE_MODE=force" },
	  { TCP, CLIENT, 80, false, K_UNKNOWN, false, 0 }, CONFIGURE(ALL, 0) },
};

START_TEST(decide_cases)
{
	const struct decide_case *c = &cases[_i];
	struct ka_config cfg;
	struct ka_decision d;

	load_env(&cfg, c->env);
	d = ka_decide(&cfg, &c->facts);
	ck_assert_msg(d.verdict == c->expected.verdict && d.reason == c->expected.reason &&
			      d.set == c->expected.set && d.kept == c->expected.kept,
		      "%s: got verdict %d reason %d set %#x kept %#x, expected %d %d %#x %#x",
		      c->what, d.verdict, d.reason, d.set, d.kept, c->expected.verdict,
		      c->expected.reason, c->expected.set, c->expected.kept);
}
END_TEST

/* Whatever the facts, a decision is final once every fact is known (but
 * for values not compared where they must be), and it never sets an option the program set itself in
 * respect mode. */
START_TEST(decide_complete)
{
	const char *const *const envs[] = {
		ENV("X=1"), ENV("KEEPALIVE_MODE=force"), ENV("KEEPALIVE_ROLE=client"),
		ENV("KEEPALIVE_PORTS=80", "KEEPALIVE_ROLE=server"), ENV("KEEPALIVE_USER_TIMEOUT=0"),
	};
	static const enum ka_keepalive known[] = { K_OFF, K_ON, K_OURS, K_OTHER };

	for (int e = 0; e < N(envs); e++) {
		struct ka_config cfg;

		load_env(&cfg, envs[e]);
		for (int side = CLIENT; side <= ACCEPTED; side++)
			for (int k = 0; k < N(known); k++)
				for (unsigned program = 0; program <= KA_OPT_ALL; program++)
					for (int made = 0; made < 2; made++) {
						struct ka_socket_facts s = { TCP, (enum ka_side)side, 80,
									     false, known[k],
									     made != 0, program };
						struct ka_decision d = ka_decide(&cfg, &s);

						/* Only ON was not compared. */
						if (d.verdict == KA_NEED_VALUES)
							ck_assert(known[k] == K_ON);
						else
							ck_assert(d.verdict == KA_CONFIGURE ||
								  d.verdict == KA_LEAVE);
						ck_assert((d.set & d.kept) == 0);
						ck_assert((d.set & ~ka_sockopts_wanted(&cfg)) == 0);
						if (!cfg.force)
							ck_assert((d.set & program) == 0);
					}
	}
}
END_TEST

START_TEST(reasons_named)
{
	for (int r = 0; r < KA_REASON_COUNT; r++)
		ck_assert_msg(strcmp(ka_reason_text((enum ka_reason)r), "left alone") != 0,
			      "reason %d has no text", r);
}
END_TEST

START_TEST(sockopt_table)
{
	struct ka_config cfg;
	char list[128];

	load_env(&cfg, ENV("KEEPALIVE_IDLE=7", "KEEPALIVE_INTVL=3", "KEEPALIVE_CNT=4"));
	ck_assert_ptr_eq(ka_sockopt_find(IPPROTO_TCP, TCP_KEEPIDLE), &ka_sockopts[0]);
	ck_assert_ptr_eq(ka_sockopt_find(SOL_SOCKET, SO_KEEPALIVE), &ka_sockopts[4]);
	ck_assert_ptr_null(ka_sockopt_find(SOL_SOCKET, TCP_KEEPIDLE));
	ck_assert_ptr_null(ka_sockopt_find(IPPROTO_TCP, TCP_NODELAY));
	ck_assert_int_eq(ka_sockopt_value(ka_sockopt_find(IPPROTO_TCP, TCP_KEEPIDLE), &cfg), 7);
	ck_assert_int_eq(ka_sockopt_value(ka_sockopt_find(IPPROTO_TCP, TCP_KEEPINTVL), &cfg), 3);
	ck_assert_int_eq(ka_sockopt_value(ka_sockopt_find(IPPROTO_TCP, TCP_KEEPCNT), &cfg), 4);
	ck_assert_int_eq(ka_sockopt_value(ka_sockopt_find(IPPROTO_TCP, TCP_USER_TIMEOUT), &cfg),
			 18000);
	ck_assert_int_eq(ka_sockopt_value(ka_sockopt_find(SOL_SOCKET, SO_KEEPALIVE), &cfg), 1);
	/* The kernel's ranges (tcp(7)). */
	ck_assert(!ka_sockopt_accepts(&ka_sockopts[0], 0));
	ck_assert(ka_sockopt_accepts(&ka_sockopts[0], 32767));
	ck_assert(!ka_sockopt_accepts(&ka_sockopts[0], 32768));
	ck_assert(!ka_sockopt_accepts(&ka_sockopts[2], 128));
	ck_assert(ka_sockopt_accepts(&ka_sockopts[3], 0));
	ck_assert(!ka_sockopt_accepts(&ka_sockopts[3], -1));
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		ck_assert_uint_eq(ka_sockopts[i].bit, 1u << i);
		ck_assert_ptr_nonnull(ka_sockopts[i].label);
		ck_assert_ptr_nonnull(ka_sockopts[i].key);
	}
	ka_sockopts_list(KA_OPT_IDLE | KA_OPT_KEEPALIVE, list, sizeof list);
	ck_assert_str_eq(list, "TCP_KEEPIDLE, SO_KEEPALIVE");
	ka_sockopts_list(KA_OPT_ALL, list, 10);
	ck_assert_str_eq(list, "TCP_KEEPI"); /* cut, still terminated */
	ka_sockopts_list(0, list, sizeof list);
	ck_assert_str_eq(list, "");
}
END_TEST

/* Every setting has every text a message, --show or --help reads, and its
 * words and default agree with what the parser takes. */
START_TEST(settings_table)
{
	for (int s = 0; s < KA_SETTING_COUNT; s++) {
		const struct ka_setting_info *info = ka_setting_info((enum ka_setting)s);
		const char *name = info->names[0];
		long long value;
		bool empty;
		enum ka_problem_kind kind;

		ck_assert_msg(name != NULL && strncmp(name, "KEEPALIVE", 9) == 0, "setting %d", s);
		ck_assert_msg(info->accepted && *info->accepted, "%s: accepted", name);
		ck_assert_msg(info->fallback_text && *info->fallback_text, "%s: default", name);
		ck_assert_msg(info->label && *info->label, "%s: label", name);
		ck_assert_msg(info->help && *info->help, "%s: help", name);
		if (info->form == KA_FORM_SWITCH || info->form == KA_FORM_WORD) {
			ck_assert_msg(info->words != NULL, "%s: words", name);
			for (const char *const *w = info->words; *w != NULL; w++) {
				ck_assert_msg(strstr(info->accepted, *w) != NULL,
					      "%s: '%s' not in '%s'", name, *w, info->accepted);
				ck_assert(ka_parse_setting((enum ka_setting)s, *w, &value, &empty,
							   &kind));
				ck_assert_str_eq(ka_setting_word((enum ka_setting)s, value), *w);
			}
			ck_assert_str_eq(ka_setting_word((enum ka_setting)s, info->fallback),
					 info->fallback_text);
		}
		if (info->form == KA_FORM_COUNT || info->form == KA_FORM_WHOLE_SECONDS) {
			char text[32];

			snprintf(text, sizeof text, info->form == KA_FORM_COUNT ? "%lld" : "%llds",
				 info->fallback);
			if (info->fallback_text[0] != '(')
				ck_assert_str_eq(info->fallback_text, text);
		}
	}
	for (const char *const *w = ka_switch_words; *w != NULL; w++)
		ck_assert_msg(strstr(ka_setting_accepted(KA_ENABLE), *w) &&
				      strstr(ka_setting_accepted(KA_INHERIT), *w),
			      "switch word '%s' not in the accepted forms", *w);
}
END_TEST

Suite *decide_suite(void)
{
	Suite *s = suite_create("decide");
	TCase *tc = tcase_create("policy");

	tcase_add_loop_test(tc, decide_cases, 0, N(cases));
	tcase_add_test(tc, decide_complete);
	tcase_add_test(tc, reasons_named);
	tcase_add_test(tc, sockopt_table);
	tcase_add_test(tc, settings_table);
	suite_add_tcase(s, tc);
	return s;
}
