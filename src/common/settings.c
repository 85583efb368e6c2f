/* Loading the settings: defaults, the variables, the derived user timeout. */
#include <config.h>

#include <string.h>

#include "settings.h"

struct setting_info {
	const char *variable;
	const char *accepted;
	long long fallback; /* the default, in the setting's unit */
};

static const struct setting_info settings[KA_SETTING_COUNT] = {
	[KA_ENABLE] = { "KEEPALIVE", "on, off, 1, 0, yes, no, true or false", 1 },
	[KA_IDLE] = { "KEEPALIVE_IDLE",
		      "whole seconds from 1 to 32767, as 30, 30s, 5m, 1h or 1m30s", 60 },
	[KA_INTVL] = { "KEEPALIVE_INTVL",
		       "whole seconds from 1 to 32767, as 10, 10s, 1m or 1m30s", 10 },
	[KA_CNT] = { "KEEPALIVE_CNT", "a whole number of probes from 1 to 127", 6 },
	[KA_USER_TIMEOUT] = { "KEEPALIVE_USER_TIMEOUT",
			      "a duration from 0 to 2147483647ms, as 0, 90, 90s, 1500ms or 2m; "
			      "0 leaves the kernel's behaviour",
			      -1 /* derived */ },
	[KA_DEBUG] = { "KEEPALIVE_DEBUG", "0, 1 or 2", 0 },
};

const char *ka_setting_variable(enum ka_setting setting)
{
	return settings[setting].variable;
}

const char *ka_setting_accepted(enum ka_setting setting)
{
	return settings[setting].accepted;
}

/* Keeps the start of a bad value for the message, marking a cut with "...".
 * Control characters become '?', so that the warning stays one line on
 * stderr and in syslog whatever the variable holds. */
static void keep_value(char *dst, const char *text)
{
	size_t n = strnlen(text, KA_VALUE_SHOWN + 1);
	size_t kept = n > KA_VALUE_SHOWN ? KA_VALUE_SHOWN : n;

	for (size_t i = 0; i < kept; i++) {
		unsigned char c = (unsigned char)text[i];

		dst[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (n > KA_VALUE_SHOWN)
		memcpy(dst + kept, "...", 4);
	else
		dst[kept] = '\0';
}

static void add_problem(struct ka_config *cfg, enum ka_setting setting,
			enum ka_problem_kind kind, const char *text)
{
	struct ka_problem *p;

	if (cfg->nproblems >= KA_MAX_PROBLEMS)
		return;
	p = &cfg->problems[cfg->nproblems++];
	p->setting = setting;
	p->kind = kind;
	keep_value(p->value, text ? text : "");
}

/* Reads one variable: its value, or the default with one problem recorded. */
static long long load_one(struct ka_config *cfg, enum ka_setting setting,
			  ka_lookup_fn *lookup, void *ctx)
{
	const char *text = lookup(settings[setting].variable, ctx);
	enum ka_problem_kind kind;
	long long value;
	bool empty;

	if (text == NULL)
		return settings[setting].fallback;
	if (ka_parse_setting(setting, text, &value, &empty, &kind)) {
		cfg->source[setting] = settings[setting].variable;
		return value;
	}
	if (!empty)
		add_problem(cfg, setting, kind, text);
	return settings[setting].fallback;
}

static long long detection_ms(const struct ka_config *cfg)
{
	return 1000LL * (cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt);
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

	user_timeout = load_one(cfg, KA_USER_TIMEOUT, lookup, ctx);
	if (user_timeout < 0) {
		/* Bound data in flight by the same time as an idle connection.
		 * At the largest timers the sum exceeds the kernel's INT_MAX ms. */
		user_timeout = detection_ms(cfg);
		if (user_timeout > KA_USER_TIMEOUT_MAX_MS)
			user_timeout = KA_USER_TIMEOUT_MAX_MS;
		cfg->user_timeout_derived = true;
	} else if (user_timeout > 0 && user_timeout < detection_ms(cfg)) {
		/* With TCP_USER_TIMEOUT set the kernel drops an idle connection
		 * once the timeout has passed and one probe went unanswered: the
		 * count stops mattering. Applied as given, with a warning. */
		add_problem(cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_SHORT,
			    lookup(settings[KA_USER_TIMEOUT].variable, ctx));
	}
	cfg->user_timeout_ms = (int)user_timeout;
}
