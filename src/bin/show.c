/* Printing the effective settings: the library's own loader is run on the
 * environment the command would get, so what is shown is what it applies. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show.h"

static const char *lookup_environment(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

/* Where a value came from: an option, a variable, or the default. */
static const char *origin(const struct ka_cmdline *cmd, const struct ka_config *cfg,
			  enum ka_setting setting, char *buf, size_t len)
{
	if (cmd->option[setting] != NULL)
		snprintf(buf, len, "option --%s", cmd->option[setting]);
	else if (cfg->source[setting] != NULL)
		snprintf(buf, len, "environment %s", cfg->source[setting]);
	else
		snprintf(buf, len, "default");
	return buf;
}

static void show_user_timeout(const struct ka_cmdline *cmd, const struct ka_config *cfg,
			      char *buf, size_t len)
{
	const char *from = origin(cmd, cfg, KA_USER_TIMEOUT, buf, len);

	if (cfg->user_timeout_derived)
		printf("%-14s%dms, derived as idle + intvl x cnt = %ds + %ds x %d (%s)\n",
		       "user timeout:", cfg->user_timeout_ms, cfg->idle_s, cfg->intvl_s, cfg->cnt,
		       from);
	else if (cfg->user_timeout_ms == 0)
		printf("%-14s0, the kernel's behaviour (%s)\n", "user timeout:", from);
	else
		printf("%-14s%dms (%s)\n", "user timeout:", cfg->user_timeout_ms, from);
}

int ka_show(const struct ka_cmdline *cmd, const struct ka_library *lib)
{
	const char *preload = getenv("LD_PRELOAD");
	struct ka_config cfg;
	char from[64], line[512];

	ka_config_load(&cfg, lookup_environment, NULL);
	printf("%-14s%s (%s)\n", "enabled:", cfg.enabled ? "on" : "off",
	       origin(cmd, &cfg, KA_ENABLE, from, sizeof from));
	printf("%-14s%ds (%s)\n", "idle:", cfg.idle_s, origin(cmd, &cfg, KA_IDLE, from, sizeof from));
	printf("%-14s%ds (%s)\n", "intvl:", cfg.intvl_s,
	       origin(cmd, &cfg, KA_INTVL, from, sizeof from));
	printf("%-14s%d (%s)\n", "cnt:", cfg.cnt, origin(cmd, &cfg, KA_CNT, from, sizeof from));
	show_user_timeout(cmd, &cfg, from, sizeof from);
	printf("%-14s%d (%s)\n", "debug:", cfg.debug, origin(cmd, &cfg, KA_DEBUG, from, sizeof from));
	printf("%-14s%s (%s%s%s)\n", "library:", lib->path, lib->origin,
	       lib->error ? "; cannot be read: " : "", lib->error ? strerror(lib->error) : "");
	printf("%-14s%s\n", "LD_PRELOAD:", preload != NULL ? preload : "");
	for (int i = 0; i < cfg.nproblems; i++) {
		ka_problem_format(&cfg.problems[i], &cfg, line, sizeof line);
		printf("warning: %s\n", line);
	}
	return fflush(stdout) == 0 ? 0 : KA_EXIT_FAILED;
}
