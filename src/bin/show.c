/* Printing the effective settings: the library's own loader is run on the
 * environment the command would get, so what is shown is what it applies. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "show.h"

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
	if (cfg->user_timeout_derived) {
		long long sum = 1000LL * (cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt);

		/* The margin for the retransmission lag (settings.c). */
		printf("%-14s%dms, derived as idle + intvl x cnt - margin = %ds + %ds x %d - %lldms "
		       "(%s)\n",
		       ka_setting_info(KA_USER_TIMEOUT)->label, cfg->user_timeout_ms, cfg->idle_s,
		       cfg->intvl_s, cfg->cnt, sum - cfg->user_timeout_ms, from);
	}
	else if (cfg->user_timeout_ms == 0)
		printf("%-14s0, the kernel's behaviour (%s)\n",
		       ka_setting_info(KA_USER_TIMEOUT)->label, from);
	else
		printf("%-14s%dms (%s)\n", ka_setting_info(KA_USER_TIMEOUT)->label,
		       cfg->user_timeout_ms, from);
}

static void show_ports(const struct ka_cmdline *cmd, const struct ka_config *cfg)
{
	char from[128];

	printf("%-14s", ka_setting_info(KA_PORTS)->label);
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
	char from[128];

#define SHOW(setting, format, value)                                                     \
	printf("%-14s" format " (%s)\n", ka_setting_info(setting)->label, value,          \
	       origin(cmd, cfg, setting, from, sizeof from))
	SHOW(KA_ENABLE, "%s", ka_setting_word(KA_ENABLE, cfg->enabled));
	if (cfg->detect_s > 0)
		SHOW(KA_DETECT, "%ds", cfg->detect_s);
	else
		SHOW(KA_DETECT, "%s", "unset");
	SHOW(KA_IDLE, "%ds", cfg->idle_s);
	SHOW(KA_INTVL, "%ds", cfg->intvl_s);
	SHOW(KA_CNT, "%d", cfg->cnt);
	show_user_timeout(cmd, cfg);
	SHOW(KA_MODE, "%s", ka_setting_word(KA_MODE, cfg->force));
	SHOW(KA_ROLE, "%s", ka_setting_word(KA_ROLE, cfg->role));
	show_ports(cmd, cfg);
	SHOW(KA_INHERIT, "%s", ka_setting_word(KA_INHERIT, cfg->inherit));
	SHOW(KA_DEBUG, "%d", cfg->debug);
#undef SHOW
}

int ka_show(const struct ka_cmdline *cmd, const struct ka_library *lib,
	    const struct ka_config *cfg)
{
	const char *preload = getenv("LD_PRELOAD");
	char version[32];

	show_settings(cmd, cfg);
	printf("%-14s%s (%s%s%s)\n", "library:", lib->path, lib->origin,
	       lib->error ? "; cannot be read: " : "", lib->error ? strerror(lib->error) : "");
	if (lib->error == 0)
		printf("%-14s%s\n", "version:",
		       ka_library_version(lib->path, version, sizeof version) ?
			       version :
			       "none found: not a libkeepalive of this project");
	printf("%-14s%s\n", "LD_PRELOAD:", preload != NULL ? preload : "");
	return fflush(stdout) == 0 ? 0 : KA_EXIT_FAILED;
}
