/* The kernel-side rule of keepalive --cgroup (bpfrule.h, compiled here by
 * gcc as the BPF programs compile it) against the policy, ka_decide(), over
 * every combination of settings and of what a BPF program knows of a
 * connection; and the BPF settings filled from the one table of options. */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/socket.h>

#include "bpfrule.h"
#include "decide.h"
#include "unit.h"

static const char *const port_lists[] = { NULL, "85", "80-90,443", "1-65535" };
static const int ports[] = { 1, 79, 80, 85, 90, 91, 443, 65535 };
static const enum ka_keepalive states[] = { KA_KEEPALIVE_OFF, KA_KEEPALIVE_OTHER,
					    KA_KEEPALIVE_OURS };

/* The settings of one combination, loaded as the library loads them. */
static void config_of(struct ka_config *cfg, int enabled, int force, int role, int ports_i,
		      int user_timeout)
{
	static const char *const roles[] = { "all", "client", "server" };
	char e[32], m[32], r[32], p[64];

	snprintf(e, sizeof e, "KEEPALIVE=%s", enabled ? "on" : "off");
	snprintf(m, sizeof m, "KEEPALIVE_MODE=%s", force ? "force" : "respect");
	snprintf(r, sizeof r, "KEEPALIVE_ROLE=%s", roles[role]);
	snprintf(p, sizeof p, "KEEPALIVE_PORTS=%s", port_lists[ports_i] ? port_lists[ports_i] : "");
	load_env(cfg, ENV(e, m, r, p, user_timeout ? "KEEPALIVE_IDLE=30" : "KEEPALIVE_USER_TIMEOUT=0"));
}

/* What ka_decide() has set on such a connection: the options to set, 0 for
 * one left alone. */
static unsigned decided(const struct ka_config *cfg, int side, int port, enum ka_keepalive k,
			unsigned program_options)
{
	struct ka_socket_facts f = { KA_KIND_TCP,
				     side == KA_BPF_CLIENT ? KA_SIDE_CLIENT : KA_SIDE_ACCEPTED,
				     port, false, k, false, program_options };
	struct ka_decision d = ka_decide(cfg, &f);

	/* ck_assert marks a point on every call: only the failures, in loops. */
	if (d.verdict != KA_CONFIGURE && d.verdict != KA_LEAVE)
		ck_abort_msg("ka_decide asks for more (verdict %d) than a BPF program knows",
			     d.verdict);
	/* In force mode a connection that already has our values is left as
	 * it is; the BPF program sets them again, which changes nothing. */
	if (d.verdict == KA_LEAVE && d.reason == KA_WHY_ALREADY && cfg->force)
		return ka_sockopts_wanted(cfg);
	return d.verdict == KA_CONFIGURE ? d.set : 0;
}

START_TEST(test_established_agrees_with_decide)
{
	int cases = 0;

	for (int enabled = 0; enabled < 2; enabled++)
	for (int force = 0; force < 2; force++)
	for (int role = 0; role < 3; role++)
	for (int pl = 0; pl < N(port_lists); pl++)
	for (int ut = 0; ut < 2; ut++) {
		struct ka_config cfg;
		struct ka_bpf_settings s;

		config_of(&cfg, enabled, force, role, pl, ut);
		if (cfg.nproblems != 0)
			ck_abort_msg("settings %d %d %d %d %d: a problem", enabled, force, role, pl, ut);
		ka_bpf_settings_fill(&s, &cfg, 0);
		for (int side = KA_BPF_CLIENT; side <= KA_BPF_ACCEPTED; side++)
		for (int p = 0; p < N(ports); p++)
		for (int k = 0; k < N(states); k++)
		for (unsigned po = 0; po <= KA_OPT_ALL; po++) {
			unsigned want = decided(&cfg, side, ports[p], states[k], po);
			unsigned got = ka_bpf_established(&s, side, (__u32)ports[p],
							  states[k] != KA_KEEPALIVE_OFF, po);

			if (got != want)
				ck_abort_msg("enabled=%d force=%d role=%d ports=%s ut=%d side=%d port=%d "
					     "keepalive=%d program=%#x: bpf %#x, ka_decide %#x",
					     enabled, force, role, port_lists[pl] ? port_lists[pl] : "",
					     ut, side, ports[p], (int)states[k], po, got, want);
			cases++;
		}
	}
	ck_assert_int_eq(cases, 2 * 2 * 3 * N(port_lists) * 2 * 2 * N(ports) * N(states) * 32);
}
END_TEST

START_TEST(test_settings_from_the_table)
{
	struct ka_config cfg;
	struct ka_bpf_settings s;

	load_env(&cfg, ENV("KEEPALIVE_IDLE=30", "KEEPALIVE_INTVL=5", "KEEPALIVE_CNT=4",
			   "KEEPALIVE_PORTS=22,8000-8100", "KEEPALIVE_ROLE=server"));
	ka_bpf_settings_fill(&s, &cfg, 1234);
	ck_assert_uint_eq(s.enabled, 1);
	ck_assert_uint_eq(s.force, 0);
	ck_assert_uint_eq(s.role, KA_BPF_ROLE_SERVER);
	ck_assert_uint_eq(s.set, KA_OPT_ALL);
	ck_assert_uint_eq(s.exempt_tgid, 1234);
	ck_assert_uint_eq(s.nports, 2);
	ck_assert_uint_eq(s.ports[1].lo, 8000);
	ck_assert_uint_eq(s.ports[1].hi, 8100);
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		ck_assert_int_eq(s.opt[i].level, ka_sockopts[i].level);
		ck_assert_int_eq(s.opt[i].name, ka_sockopts[i].name);
		ck_assert_int_eq(s.opt[i].value, ka_sockopt_value(&ka_sockopts[i], &cfg));
		ck_assert_uint_eq(s.opt[i].bit, ka_sockopts[i].bit);
	}
	ck_assert_int_eq(s.opt[3].value, 49000); /* the derived user timeout */
	/* SO_KEEPALIVE last: keepalive starts with our timers in place. */
	ck_assert_int_eq(s.opt[KA_BPF_OPTIONS - 1].name, SO_KEEPALIVE);
	load_env(&cfg, ENV("KEEPALIVE_USER_TIMEOUT=0"));
	ka_bpf_settings_fill(&s, &cfg, 0);
	ck_assert_uint_eq(s.set, KA_OPT_ALL & ~(unsigned)KA_OPT_USER_TIMEOUT);
	ck_assert_int_eq(ka_bpf_option_index(&s, IPPROTO_TCP, TCP_USER_TIMEOUT), -1);
	ck_assert_int_eq(ka_bpf_option_index(&s, IPPROTO_TCP, TCP_KEEPIDLE), 0);
	ck_assert_int_eq(ka_bpf_option_index(&s, SOL_SOCKET, SO_KEEPALIVE), 4);
	ck_assert_int_eq(ka_bpf_option_index(&s, IPPROTO_TCP, TCP_NODELAY), -1);
}
END_TEST

/* The setsockopt program, as the library's setsockopt() in force mode. */
static const struct {
	const char *mode;
	int tcp, exempt, index, has_value, given, managed;
	int verdict;
} calls[] = {
	{ "respect", 1, 0, 0, 1, 7200, 0, KA_BPF_NOTE },
	{ "respect", 1, 0, 0, 1, 7200, 1, KA_BPF_NOTE },
	{ "respect", 0, 0, 4, 1, 0, 0, KA_BPF_PASS },   /* UDP, UNIX: untouched */
	{ "respect", 1, 1, 0, 1, 7200, 0, KA_BPF_PASS }, /* our own command */
	{ "respect", 1, 0, -1, 1, 1, 0, KA_BPF_PASS },  /* not one of ours */
	{ "force", 1, 0, 0, 1, 7200, 1, KA_BPF_DROP },
	{ "force", 1, 0, 4, 1, 0, 1, KA_BPF_DROP },     /* keepalive off */
	{ "force", 1, 0, 4, 1, 2, 1, KA_BPF_PASS },     /* keepalive on: agrees */
	{ "force", 1, 0, 0, 1, 30, 1, KA_BPF_PASS },    /* our own value */
	{ "force", 1, 0, 0, 1, 0, 1, KA_BPF_PASS },     /* EINVAL, as without us */
	{ "force", 1, 0, 2, 1, 128, 1, KA_BPF_PASS },
	{ "force", 1, 0, 0, 0, 0, 1, KA_BPF_PASS },     /* too short to be a value */
	{ "force", 1, 0, 0, 1, 7200, 0, KA_BPF_PASS },  /* not configured yet */
	{ "force", 0, 0, 0, 1, 7200, 1, KA_BPF_PASS },
	{ "force", 1, 1, 0, 1, 7200, 1, KA_BPF_PASS },
};

START_TEST(test_setsockopt_rule)
{
	struct ka_config cfg;
	struct ka_bpf_settings s;
	char mode[32];

	snprintf(mode, sizeof mode, "KEEPALIVE_MODE=%s", calls[_i].mode);
	load_env(&cfg, ENV(mode, "KEEPALIVE_IDLE=30"));
	ka_bpf_settings_fill(&s, &cfg, calls[_i].exempt ? 77 : 0);
	ck_assert_int_eq(ka_bpf_setsockopt(&s, calls[_i].tcp, 77, calls[_i].index,
					   calls[_i].has_value, calls[_i].given, calls[_i].managed),
			 calls[_i].verdict);
	load_env(&cfg, ENV(mode, "KEEPALIVE=off"));
	ka_bpf_settings_fill(&s, &cfg, 0);
	ck_assert_int_eq(ka_bpf_setsockopt(&s, calls[_i].tcp, 77, calls[_i].index,
					   calls[_i].has_value, calls[_i].given, calls[_i].managed),
			 KA_BPF_PASS);
}
END_TEST

Suite *bpfrule_suite(void)
{
	Suite *s = suite_create("bpfrule");
	TCase *tc = tcase_create("bpfrule");

	tcase_add_test(tc, test_established_agrees_with_decide);
	tcase_add_test(tc, test_settings_from_the_table);
	tcase_add_loop_test(tc, test_setsockopt_rule, 0, N(calls));
	suite_add_tcase(s, tc);
	return s;
}
