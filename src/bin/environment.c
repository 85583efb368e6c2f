/* The command's view of the environment, as the library's loader sees it. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "environment.h"
#include "messages.h"

const char *ka_environment_lookup(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

void ka_environment_load(struct ka_config *cfg)
{
	ka_config_load(cfg, ka_environment_lookup, NULL);
}

bool ka_environment_apply(const struct ka_cmdline *cmd)
{
	for (int s = 0; s < KA_SETTING_COUNT; s++)
		if (cmd->value[s] != NULL && setenv(ka_setting_variable(s), cmd->value[s], 1) != 0)
			return false;
	return true;
}

bool ka_environment_check(const struct ka_cmdline *cmd, const struct ka_config *cfg)
{
	bool refused = false;

	for (int i = 0; i < cfg->nproblems; i++) {
		const struct ka_problem *p = &cfg->problems[i];
		const char *option = cmd->option[p->setting];
		bool bad = p->kind == KA_PROBLEM_FORM || p->kind == KA_PROBLEM_RANGE ||
			   p->kind == KA_PROBLEM_FRACTION;
		char name[64], line[1024], *fallback;

		snprintf(name, sizeof name, "--%s", option ? option : "");
		ka_problem_format(p, cfg, "keepalive", option ? name : p->variable, line,
				     sizeof line);
		fallback = strstr(line, "; using the default");
		if (bad && fallback != NULL)
			*fallback = '\0'; /* refused: no default is used */
		fprintf(stderr, "%s\n", line);
		refused |= bad;
	}
	return !refused;
}

bool ka_environment_mark_checked(void)
{
	char fingerprint[KA_FINGERPRINT_LEN + 1];

	ka_config_fingerprint(ka_environment_lookup, NULL, fingerprint);
	if (setenv(KA_CHECKED_VARIABLE, fingerprint, 1) == 0)
		return true;
	fprintf(stderr, "keepalive: cannot set the environment: %s\n", strerror(errno));
	return false;
}
