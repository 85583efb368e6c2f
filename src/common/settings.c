/* Loading the settings: the variables and their precedence, the defaults,
 * and what is derived (the user timeout, the timers of KEEPALIVE_DETECT). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "messages.h"
#include "parse.h"
#include "ports.h"
#include "settings.h"

const char *const ka_switch_words[] = { "0", "1", "off", "on", "no", "yes", "false", "true", NULL };

static const char *const on_off[] = { "off", "on", NULL };
static const char *const yes_no[] = { "no", "yes", NULL };
static const char *const modes[] = { "respect", "force", NULL };
static const char *const roles[] = { [KA_ROLE_ALL] = "all", [KA_ROLE_CLIENT] = "client",
				     [KA_ROLE_SERVER] = "server", NULL };

static const struct ka_setting_info settings[KA_SETTING_COUNT] = {
	[KA_ENABLE] = { { "KEEPALIVE", "DD_USE_KEEPALIVE" }, KA_FORM_SWITCH, 0, 1, on_off,
			"on, off, 1, 0, yes, no, true or false", 1, "on", "enabled:",
			"the library on or off" },
	[KA_IDLE] = { { "KEEPALIVE_IDLE", "KEEPIDLE", "DD_TCP_KEEPALIVE_TIME" },
		      KA_FORM_WHOLE_SECONDS, KA_SECONDS_MIN, KA_SECONDS_MAX, NULL,
		      "whole seconds from 1 to 32767, as 30, 30s, 5m, 1h or 1m30s", 60, "60s",
		      "idle:", "idle time before the first probe" },
	[KA_INTVL] = { { "KEEPALIVE_INTVL", "KEEPINTVL", "DD_TCP_KEEPALIVE_INTVL" },
		       KA_FORM_WHOLE_SECONDS, KA_SECONDS_MIN, KA_SECONDS_MAX, NULL,
		       "whole seconds from 1 to 32767, as 10, 10s, 1m or 1m30s", 10, "10s",
		       "intvl:", "time between probes" },
	[KA_CNT] = { { "KEEPALIVE_CNT", "KEEPCNT", "DD_TCP_KEEPALIVE_PROBES" }, KA_FORM_COUNT,
		     KA_CNT_MIN, KA_CNT_MAX, NULL, "a whole number of probes from 1 to 127", 6, "6",
		     "cnt:", "unanswered probes that end it" },
	[KA_USER_TIMEOUT] = { { "KEEPALIVE_USER_TIMEOUT" }, KA_FORM_DURATION_MS, 0,
			      KA_USER_TIMEOUT_MAX_MS, NULL,
			      "a duration from 0 to 2147483s (24 days; 2147483647ms at most), a "
			      "bare number being seconds, as 0, 90, 90s, 1500ms or 2m; 0 leaves "
			      "the kernel's behaviour",
			      -1 /* derived */, "idle + intvl x cnt less 1s (750ms with an intvl of 1s)",
			      "user timeout:",
			      "how long sent data may stay unacknowledged; 0: the kernel's" },
	[KA_DEBUG] = { { "KEEPALIVE_DEBUG", "DD_DEBUG" }, KA_FORM_COUNT, 0, KA_DEBUG_MAX, NULL,
		       "0, 1 or 2", 0, "0", "debug:",
		       "messages: 1 the settings at start, 2 also a line per socket" },
	[KA_MODE] = { { "KEEPALIVE_MODE" }, KA_FORM_WORD, 0, 1, modes, "respect or force", 0,
		      "respect", "mode:", "force: the program cannot change the timers" },
	[KA_DETECT] = { { "KEEPALIVE_DETECT" }, KA_FORM_WHOLE_SECONDS, KA_DETECT_MIN_S,
			KA_DETECT_MAX_S, NULL,
			"whole seconds from 2 to 2147483 (24 days), as 90, 90s, 5m or 2h", 0,
			"(none: the timers are used as they are)", "detect:",
			"detection time, split into the timers not given and the user timeout" },
	[KA_ROLE] = { { "KEEPALIVE_ROLE" }, KA_FORM_WORD, 0, 2, roles, "client, server or all",
		      KA_ROLE_ALL, "all", "role:", "client, server or all" },
	[KA_PORTS] = { { "KEEPALIVE_PORTS" }, KA_FORM_PORTS, KA_PORT_MIN, KA_PORT_MAX, NULL,
		       "ports and ranges from 1 to 65535 separated by commas, as "
		       "5432,6379,8000-8100 (at most 32 entries)",
		       0, "(every port: the port filter is not applied)", "ports:",
		       "only these ports (remote for clients, local for listeners): "
		       "5432,8000-8100" },
	[KA_INHERIT] = { { "KEEPALIVE_INHERIT" }, KA_FORM_SWITCH, 0, 1, yes_no,
			 "yes, no, 1, 0, on, off, true or false", 1, "yes", "inherit:",
			 "no: this process only, not the programs it starts" },
};

const struct ka_setting_info *ka_setting_info(enum ka_setting setting)
{
	return &settings[setting];
}

const char *ka_setting_word(enum ka_setting setting, long long value)
{
	const char *const *words = settings[setting].words;

	for (long long i = 0; words != NULL && words[i] != NULL; i++)
		if (i == value)
			return words[i];
	return "?";
}

const char *ka_setting_variable(enum ka_setting setting)
{
	return settings[setting].names[0];
}

const char *const *ka_setting_compat_variables(enum ka_setting setting)
{
	return &settings[setting].names[1];
}

const char *ka_setting_accepted(enum ka_setting setting)
{
	return settings[setting].accepted;
}

static void add_problem(struct ka_config *cfg, enum ka_setting setting, const char *variable,
			enum ka_problem_kind kind, const char *text)
{
	struct ka_problem *p;

	if (cfg->nproblems >= KA_MAX_PROBLEMS)
		return;
	p = &cfg->problems[cfg->nproblems++];
	p->setting = setting;
	p->variable = variable;
	p->kind = kind;
	ka_value_shown(p->value, text ? text : "");
}

/* The first variable of a setting that is set and not blank, or NULL. */
static const char *first_set(enum ka_setting setting, ka_lookup_fn *lookup, void *ctx,
			     const char **text)
{
	for (const char *const *name = settings[setting].names; *name != NULL; name++) {
		const char *value = lookup(*name, ctx);
		const char *p = value;

		while (p != NULL && ka_is_blank(*p))
			p++;
		if (p != NULL && *p != '\0') {
			*text = value;
			return *name;
		}
	}
	return NULL;
}

/* Reads one setting: its value, or the default with one problem recorded. */
static long long load_one(struct ka_config *cfg, enum ka_setting setting,
			  ka_lookup_fn *lookup, void *ctx)
{
	const char *text = NULL, *variable = first_set(setting, lookup, ctx, &text);
	enum ka_problem_kind kind;
	long long value;
	bool empty;

	if (variable == NULL)
		return settings[setting].fallback;
	if (ka_parse_setting(setting, text, &value, &empty, &kind)) {
		cfg->source[setting] = variable;
		return value;
	}
	add_problem(cfg, setting, variable, kind, text);
	return settings[setting].fallback;
}

/* KEEPALIVE_PORTS is a list: parsed apart; a bad list filters nothing. */
static void load_ports(struct ka_config *cfg, ka_lookup_fn *lookup, void *ctx)
{
	const char *text = NULL, *variable = first_set(KA_PORTS, lookup, ctx, &text);
	enum ka_problem_kind kind;

	if (variable == NULL)
		return;
	if (ka_parse_ports(text, cfg->ports, &cfg->nports, &kind)) {
		cfg->source[KA_PORTS] = variable;
	} else {
		cfg->nports = 0;
		add_problem(cfg, KA_PORTS, variable, kind, text);
	}
}

/* FNV-1a over "NAME=VALUE\n" (or "NAME\n" when unset) of every variable read. */
void ka_config_fingerprint(ka_lookup_fn *lookup, void *ctx, char out[KA_FINGERPRINT_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned long long h = 14695981039346656037ULL;

	for (int s = 0; s < KA_SETTING_COUNT; s++) {
		for (const char *const *name = settings[s].names; *name != NULL; name++) {
			const char *value = lookup(*name, ctx);
			const char *parts[3] = { *name, value ? "=" : "", value ? value : "" };

			for (int p = 0; p < 3; p++)
				for (const char *c = parts[p]; *c != '\0'; c++)
					h = (h ^ (unsigned char)*c) * 1099511628211ULL;
			h = (h ^ '\n') * 1099511628211ULL;
		}
	}
	for (int i = KA_FINGERPRINT_LEN - 1; i >= 0; i--, h >>= 4)
		out[i] = hex[h & 15];
	out[KA_FINGERPRINT_LEN] = '\0';
}

static bool checked_by_command(ka_lookup_fn *lookup, void *ctx)
{
	const char *checked = lookup(KA_CHECKED_VARIABLE, ctx);
	char mine[KA_FINGERPRINT_LEN + 1];

	if (checked == NULL)
		return false;
	ka_config_fingerprint(lookup, ctx, mine);
	return strcmp(checked, mine) == 0;
}

/* Not a setting: the process that KEEPALIVE_INHERIT=no applies to. */
static long long owner_pid(ka_lookup_fn *lookup, void *ctx)
{
	const char *text = lookup(KA_OWNER_PID_VARIABLE, ctx);
	enum ka_problem_kind kind;
	long long pid;

	if (text == NULL || !ka_parse_digits(&text, &pid, &kind))
		return 0;
	return *text == '\0' ? pid : 0;
}

static long long probes_ms(const struct ka_config *cfg)
{
	return 1000LL * (cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt);
}

/* The kernel's keepalive timer (tcp_keepalive_timer) drops an idle connection
 * after cnt unanswered probes; with a user timeout it ignores cnt and drops
 * it at the first probe timer, idle + k x intvl with k >= 1, at which the
 * connection has been idle for at least the user timeout. Any user timeout
 * in (idle + (cnt - 1) x intvl, idle + cnt x intvl] therefore drops it at the
 * cnt-th probe, exactly as without one. */
long long ka_config_idle_detection_ms(const struct ka_config *cfg)
{
	long long idle = 1000LL * cfg->idle_s, intvl = 1000LL * cfg->intvl_s, k;

	if (cfg->user_timeout_ms <= 0)
		return probes_ms(cfg);
	k = (cfg->user_timeout_ms - idle + intvl - 1) / intvl;
	return idle + (k < 1 ? 1 : k) * intvl;
}

/* The derived user timeout: the bound (idle + intvl x cnt, or
 * KEEPALIVE_DETECT when it is shorter) less a margin of 1 s, or of three
 * quarters of intvl when intvl is 1 s.
 *
 * With data in flight the keepalive timer stays silent and the kernel
 * (tcp_write_timeout) drops the connection once the user timeout has passed
 * since the first retransmission (retrans_stamp), not since the write: the
 * tail loss probe and the first retransmission timeout come first (measured
 * for one byte: 0.44 s on a LAN, 0.58 s at 50 ms RTT, 0.87 s at 200 ms). The
 * margin absorbs that lag, so that data in flight is noticed within the bound
 * while the lag stays under the margin (an RTT up to about 0.25 s with intvl
 * of 2 s or more, 0.15 s with 1 s). Idle detection stays at the cnt-th probe as long
 * as the kernel's timers fire less than intvl - margin late in all over the
 * first cnt - 1 probes (the timer wheel delays a timer by at most about an
 * eighth of its length). */
static void derive_user_timeout(struct ka_config *cfg, long long explicit_ms)
{
	long long user_timeout = explicit_ms, bound = probes_ms(cfg);
	long long margin = cfg->intvl_s > 1 ? 1000 : 750;

	if (user_timeout >= 0) {
		cfg->user_timeout_ms = (int)user_timeout;
		return;
	}
	if (cfg->detect_s > 0) {
		if (1000LL * cfg->detect_s < bound)
			bound = 1000LL * cfg->detect_s;
		cfg->from_detect[KA_USER_TIMEOUT] = true;
	} else {
		cfg->user_timeout_derived = true;
	}
	/* At the largest timers the bound exceeds the kernel's INT_MAX ms. */
	user_timeout = bound - margin;
	cfg->user_timeout_ms = (int)(user_timeout > KA_USER_TIMEOUT_MAX_MS ? KA_USER_TIMEOUT_MAX_MS :
									    user_timeout);
}

/* One warning at most about how the timers fit together. */
static void check_timers(struct ka_config *cfg, ka_lookup_fn *lookup, void *ctx)
{
	const char *ut_variable = cfg->source[KA_USER_TIMEOUT];
	long long detect_ms = 1000LL * cfg->detect_s, probes = probes_ms(cfg);

	if (cfg->detect_s > 0) {
		/* idle + intvl x cnt, the user timeout, and when the kernel
		 * really drops an idle connection: none may exceed it. */
		if (probes > detect_ms || cfg->user_timeout_ms > detect_ms ||
		    ka_config_idle_detection_ms(cfg) > detect_ms)
			add_problem(cfg, KA_DETECT, cfg->source[KA_DETECT],
				    KA_PROBLEM_OVER_DETECT, lookup(cfg->source[KA_DETECT], ctx));
	} else if (ut_variable != NULL && cfg->user_timeout_ms > 0 &&
		   (cfg->user_timeout_ms > probes ||
		    cfg->user_timeout_ms <= probes - 1000LL * cfg->intvl_s)) {
		/* With TCP_USER_TIMEOUT set the kernel ignores the count: a
		 * user timeout outside (idle + intvl x (cnt - 1), idle + intvl x
		 * cnt] moves detection of an idle dead peer earlier or later.
		 * Applied as given. */
		add_problem(cfg, KA_USER_TIMEOUT, ut_variable,
			    cfg->user_timeout_ms < probes ? KA_PROBLEM_UT_SHORT :
							    KA_PROBLEM_UT_LONG,
			    lookup(ut_variable, ctx));
	}
}

void ka_config_load(struct ka_config *cfg, ka_lookup_fn *lookup, void *ctx)
{
	long long user_timeout;

	memset(cfg, 0, sizeof *cfg);
	cfg->enabled = load_one(cfg, KA_ENABLE, lookup, ctx) != 0;
	cfg->idle_s = (int)load_one(cfg, KA_IDLE, lookup, ctx);
	cfg->intvl_s = (int)load_one(cfg, KA_INTVL, lookup, ctx);
	cfg->cnt = (int)load_one(cfg, KA_CNT, lookup, ctx);
	cfg->debug = (int)load_one(cfg, KA_DEBUG, lookup, ctx);
	cfg->force = load_one(cfg, KA_MODE, lookup, ctx) != 0;
	cfg->detect_s = (int)load_one(cfg, KA_DETECT, lookup, ctx);
	cfg->role = (enum ka_role)load_one(cfg, KA_ROLE, lookup, ctx);
	load_ports(cfg, lookup, ctx);
	cfg->inherit = load_one(cfg, KA_INHERIT, lookup, ctx) != 0;
	cfg->owner_pid = owner_pid(lookup, ctx);
	cfg->checked = checked_by_command(lookup, ctx);
	user_timeout = load_one(cfg, KA_USER_TIMEOUT, lookup, ctx);

	if (cfg->detect_s > 0)
		ka_detect_apply(cfg);
	derive_user_timeout(cfg, user_timeout);
	check_timers(cfg, lookup, ctx);
}
