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

#include "runtime.h"
#include "startup.h"

extern char **environ;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Rebuilds LD_PRELOAD without the entries naming this library. */
static void remove_from_preload(void)
{
	const char *preload = getenv("LD_PRELOAD");
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
		unsetenv("LD_PRELOAD");
	else
		setenv("LD_PRELOAD", kept, 1);
	free(copy);
}

/* Unsets KEEPALIVE and every KEEPALIVE_* variable, KEEPALIVE_PID included. */
static void remove_variables(void)
{
	char name[256];

	for (char **e = environ; e != NULL && *e != NULL;) {
		size_t n = strcspn(*e, "=");

		if (strncmp(*e, "KEEPALIVE", 9) == 0 && (n == 9 || (*e)[9] == '_') &&
		    n < sizeof name) {
			memcpy(name, *e, n);
			name[n] = '\0';
			unsetenv(name);
			e = environ; /* unsetenv moved the entries: start over */
		} else {
			e++;
		}
	}
}

void ka_startup_inheritance(const struct ka_config *cfg)
{
	char pid[24];

	if (cfg->inherit)
		return;
	if (ka_runtime_not_owner(cfg)) {
		remove_from_preload();
		remove_variables();
	} else if (cfg->owner_pid == 0) {
		snprintf(pid, sizeof pid, "%ld", (long)getpid());
		setenv(KA_OWNER_PID_VARIABLE, pid, 1);
	}
}
