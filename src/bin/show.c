/* Printing the effective settings: the library's own loader is run on the
 * environment the command would get, so what is shown is what it applies. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "show.h"

const char *ka_environment_lookup(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

bool ka_environment_apply(const struct ka_cmdline *cmd)
{
	for (int s = 0; s < KA_SETTING_COUNT; s++)
		if (cmd->value[s] != NULL && setenv(ka_setting_variable(s), cmd->value[s], 1) != 0)
			return false;
	return true;
}

/* Where a setting came from: an option, a variable, or the default. */
static const char *direct_origin(const struct ka_cmdline *cmd, const struct ka_config *cfg,
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

/* The same, for a value that KEEPALIVE_DETECT may have filled in. */
static const char *origin(const struct ka_cmdline *cmd, const struct ka_config *cfg,
			  enum ka_setting setting, char *buf, size_t len)
{
	char detect[64];

	if (!cfg->from_detect[setting])
		return direct_origin(cmd, cfg, setting, buf, len);
	snprintf(buf, len, "derived from the detection time, %s",
		 direct_origin(cmd, cfg, KA_DETECT, detect, sizeof detect));
	return buf;
}

static void show_user_timeout(const struct ka_cmdline *cmd, const struct ka_config *cfg)
{
	char from[128];

	origin(cmd, cfg, KA_USER_TIMEOUT, from, sizeof from);
	if (cfg->user_timeout_derived)
		printf("%-14s%dms, derived as idle + intvl x cnt = %ds + %ds x %d (%s)\n",
		       "user timeout:", cfg->user_timeout_ms, cfg->idle_s, cfg->intvl_s, cfg->cnt,
		       from);
	else if (cfg->user_timeout_ms == 0)
		printf("%-14s0, the kernel's behaviour (%s)\n", "user timeout:", from);
	else
		printf("%-14s%dms (%s)\n", "user timeout:", cfg->user_timeout_ms, from);
}

static void show_ports(const struct ka_cmdline *cmd, const struct ka_config *cfg)
{
	char from[128];

	printf("%-14s", "ports:");
	if (cfg->nports == 0)
		printf("every port");
	for (int i = 0; i < cfg->nports; i++) {
		printf("%s%d", i > 0 ? "," : "", cfg->ports[i].lo);
		if (cfg->ports[i].hi != cfg->ports[i].lo)
			printf("-%d", cfg->ports[i].hi);
	}
	printf(" (%s)\n", origin(cmd, cfg, KA_PORTS, from, sizeof from));
}

static void show_settings(const struct ka_cmdline *cmd, const struct ka_config *cfg)
{
	static const char *const roles[] = { [KA_ROLE_ALL] = "all", [KA_ROLE_CLIENT] = "client",
					     [KA_ROLE_SERVER] = "server" };
	char from[128];

#define SHOW(label, format, value, setting) \
	printf("%-14s" format " (%s)\n", label, value, origin(cmd, cfg, setting, from, sizeof from))
	SHOW("enabled:", "%s", cfg->enabled ? "on" : "off", KA_ENABLE);
	if (cfg->detect_s > 0)
		SHOW("detect:", "%ds", cfg->detect_s, KA_DETECT);
	else
		SHOW("detect:", "%s", "unset", KA_DETECT);
	SHOW("idle:", "%ds", cfg->idle_s, KA_IDLE);
	SHOW("intvl:", "%ds", cfg->intvl_s, KA_INTVL);
	SHOW("cnt:", "%d", cfg->cnt, KA_CNT);
	show_user_timeout(cmd, cfg);
	SHOW("mode:", "%s", cfg->force ? "force" : "respect", KA_MODE);
	SHOW("role:", "%s", roles[cfg->role], KA_ROLE);
	show_ports(cmd, cfg);
	SHOW("inherit:", "%s", cfg->inherit ? "yes" : "no", KA_INHERIT);
	SHOW("debug:", "%d", cfg->debug, KA_DEBUG);
#undef SHOW
}

int ka_show(const struct ka_cmdline *cmd, const struct ka_library *lib)
{
	const char *preload = getenv("LD_PRELOAD");
	struct ka_config cfg;
	char line[512];

	ka_config_load(&cfg, ka_environment_lookup, NULL);
	show_settings(cmd, &cfg);
	printf("%-14s%s (%s%s%s)\n", "library:", lib->path, lib->origin,
	       lib->error ? "; cannot be read: " : "", lib->error ? strerror(lib->error) : "");
	printf("%-14s%s\n", "LD_PRELOAD:", preload != NULL ? preload : "");
	for (int i = 0; i < cfg.nproblems; i++) {
		ka_problem_format(&cfg.problems[i], &cfg, line, sizeof line);
		printf("warning: %s\n", line);
	}
	return fflush(stdout) == 0 ? 0 : KA_EXIT_FAILED;
}
