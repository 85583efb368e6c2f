/* Turning settings and problems into the lines users read. */
#include <config.h>

#include <stdio.h>

#include "settings.h"

static const char *const fallback_text[KA_SETTING_COUNT] = {
	[KA_ENABLE] = "on",
	[KA_IDLE] = "60s",
	[KA_INTVL] = "10s",
	[KA_CNT] = "6",
	[KA_USER_TIMEOUT] = "idle + intvl x cnt",
	[KA_DEBUG] = "0",
};

int ka_problem_format(const struct ka_problem *problem, const struct ka_config *cfg,
		      char *buf, size_t len)
{
	const char *variable = ka_setting_variable(problem->setting);
	const char *what;

	switch (problem->kind) {
	case KA_PROBLEM_UT_SHORT:
		return snprintf(buf, len,
				"libkeepalive: %s=%s is shorter than KEEPALIVE_IDLE + "
				"KEEPALIVE_INTVL x KEEPALIVE_CNT (%ds + %ds x %d): with a user "
				"timeout the kernel drops an idle connection once it has passed "
				"and one probe went unanswered, so KEEPALIVE_CNT has no effect; "
				"applying both as given",
				variable, problem->value, cfg->idle_s, cfg->intvl_s, cfg->cnt);
	case KA_PROBLEM_RANGE:
		what = "is out of range";
		break;
	case KA_PROBLEM_FRACTION:
		what = "is not a whole number of seconds";
		break;
	case KA_PROBLEM_FORM:
	default:
		what = "is not valid";
		break;
	}
	return snprintf(buf, len, "libkeepalive: %s='%s' %s: expected %s; using the default %s",
			variable, problem->value, what, ka_setting_accepted(problem->setting),
			fallback_text[problem->setting]);
}

int ka_config_describe(const struct ka_config *cfg, char *buf, size_t len)
{
	if (!cfg->enabled)
		return snprintf(buf, len, "off");
	return snprintf(buf, len, "idle=%ds intvl=%ds cnt=%d user_timeout=%dms%s", cfg->idle_s,
			cfg->intvl_s, cfg->cnt, cfg->user_timeout_ms,
			cfg->user_timeout_derived ? " (idle + intvl x cnt)" :
			cfg->user_timeout_ms == 0 ? " (kernel default)" : "");
}
