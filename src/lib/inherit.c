/* KEEPALIVE_INHERIT=no: the library applies to one process only.
 *
 * The process id survives exec and a fork does not, so the process is
 * remembered by its id in KEEPALIVE_PID. A launcher that execs the program
 * (env, a shell script's exec, pyenv shims) hands over the same id and the
 * program keeps keepalive; a child started with fork and exec finds another
 * id, turns the library off in itself (runtime.c) and removes it and its
 * variables from the environment that its own children will get. A child
 * made by fork alone (a server's worker) is the program itself and keeps it. */
#include <config.h>

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "environ.h"
#include "inherit.h"
#include "runtime.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Rebuilds LD_PRELOAD without the entries naming this library. */
static void remove_from_preload(void)
{
	static const char *const preload_name[] = { "LD_PRELOAD", NULL };
	const char *preload = ka_env_get("LD_PRELOAD");
	size_t size, used = 0;
	Dl_info self;
	char *copy, *kept, *entry, *rest;

	if (preload == NULL || dladdr((void *)remove_from_preload, &self) == 0 ||
	    self.dli_fname == NULL)
		return;
	size = strlen(preload) + 1;
	if ((copy = malloc(2 * size)) == NULL)
		return;
	kept = copy + size;
	memcpy(copy, preload, size);
	for (entry = strtok_r(copy, " :", &rest); entry != NULL; entry = strtok_r(NULL, " :", &rest)) {
		if (strcmp(base_name(entry), base_name(self.dli_fname)) == 0)
			continue;
		if (used > 0)
			kept[used++] = ':';
		memcpy(kept + used, entry, strlen(entry));
		used += strlen(entry);
	}
	kept[used] = '\0';
	if (used == 0)
		ka_env_remove(preload_name);
	else
		ka_env_set("LD_PRELOAD", kept);
	free(copy);
}

/* Unsets our variables: the settings' KEEPALIVE names, KEEPALIVE_PID and
 * KEEPALIVE_CHECKED (the older shims' names may be another library's, and
 * stay). */
static void remove_variables(void)
{
	const char *names[KA_SETTING_COUNT + 3];
	int n = 0;

	for (int s = 0; s < KA_SETTING_COUNT; s++)
		names[n++] = ka_setting_variable((enum ka_setting)s);
	names[n++] = KA_OWNER_PID_VARIABLE;
	names[n++] = KA_CHECKED_VARIABLE;
	names[n] = NULL;
	ka_env_remove(names);
}

void ka_inherit_startup(const struct ka_config *cfg)
{
	char pid[24];

	if (cfg->inherit)
		return;
	if (ka_runtime_not_owner(cfg)) {
		remove_from_preload();
		remove_variables();
	} else if (cfg->owner_pid == 0) {
		snprintf(pid, sizeof pid, "%ld", (long)getpid());
		ka_env_set(KA_OWNER_PID_VARIABLE, pid);
	}
}
