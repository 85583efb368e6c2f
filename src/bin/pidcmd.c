/* keepalive --pid: process ids or "all", and the settings, checked before
 * anything is done. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "environment.h"
#include "messages.h"
#include "options.h"
#include "parse.h"
#include "pidcmd.h"
#include "procs.h"

static int usage(const char *problem, const char *what)
{
	char shown[KA_VALUE_SHOWN_SIZE] = "";

	if (what != NULL)
		ka_value_shown(shown, what);
	fprintf(stderr, "keepalive: %s%s%s%s\nTry 'keepalive --help' for more information.\n",
		problem, what ? " '" : "", shown, what ? "': expected a process id or all" : "");
	return KA_EXIT_FAILED;
}

static bool parse_pid(const char *text, pid_t *pid)
{
	enum ka_problem_kind kind;
	long long value;

	if (!ka_parse_digits(&text, &value, &kind) || *text != '\0' || value < 1 || value > INT_MAX)
		return false;
	*pid = (pid_t)value;
	return true;
}

/* Every process in /proc but this one. */
static pid_t *all_pids(size_t *n)
{
	size_t size = 0;
	pid_t *pids = NULL, self = getpid();
	struct dirent *e;
	DIR *dir = opendir("/proc");

	*n = 0;
	if (dir == NULL)
		return NULL;
	while ((e = readdir(dir)) != NULL) {
		pid_t pid;

		if (!parse_pid(e->d_name, &pid) || pid == self)
			continue;
		if (*n == size) {
			size_t more = size ? 2 * size : 256;
			pid_t *grown = realloc(pids, more * sizeof *grown);

			if (grown == NULL) {
				free(pids);
				closedir(dir);
				return NULL;
			}
			pids = grown;
			size = more;
		}
		pids[(*n)++] = pid;
	}
	closedir(dir);
	return pids != NULL ? pids : malloc(sizeof *pids);
}

/* The timer options change nothing without --apply: a word, not silence. */
static void unused_settings(const struct ka_cmdline *cmd)
{
	static const enum ka_setting timers[] = { KA_IDLE,   KA_INTVL, KA_CNT, KA_USER_TIMEOUT,
						  KA_DETECT, KA_MODE,  KA_ENABLE };

	if (cmd->apply)
		return;
	for (size_t i = 0; i < sizeof timers / sizeof timers[0]; i++)
		if (cmd->option[timers[i]] != NULL) {
			fprintf(stderr, "keepalive: --%s changes nothing without --apply\n",
				cmd->option[timers[i]]);
			return;
		}
}

int ka_pidcmd_run(const struct ka_cmdline *cmd)
{
	struct ka_procs_request req = { KA_PROCS_SHOW, cmd->json, NULL, false, NULL, NULL };
	struct ka_config cfg;
	size_t n = 0;
	pid_t *pids;
	int status;

	if (cmd->apply && cmd->check)
		return usage("--apply and --check cannot be used together", NULL);
	if (cmd->show)
		return usage("--show and --pid cannot be used together", NULL);
	while (cmd->pids[n] != NULL)
		n++;
	req.all = strcmp(cmd->pids[0], "all") == 0;
	if (req.all && n > 1)
		return usage("--pid all takes no other process ids", NULL);
	if (req.all) {
		pids = all_pids(&n);
		if (pids == NULL) {
			fprintf(stderr, "keepalive: cannot list the processes in /proc: %s\n",
				strerror(errno));
			return 1;
		}
	} else {
		pids = calloc(n, sizeof *pids);
		if (pids == NULL) {
			perror("keepalive");
			return 1;
		}
		for (size_t i = 0; i < n; i++)
			if (!parse_pid(cmd->pids[i], &pids[i])) {
				free(pids);
				return usage("--pid", cmd->pids[i]);
			}
	}
	if (!ka_environment_apply(cmd)) {
		fprintf(stderr, "keepalive: cannot set the environment: %s\n", strerror(errno));
		free(pids);
		return 1;
	}
	ka_environment_load(&cfg);
	if (!ka_environment_check(cmd, &cfg)) {
		free(pids);
		return KA_EXIT_FAILED; /* a bad value: nothing is changed */
	}
	unused_settings(cmd);
	req.action = cmd->apply ? KA_PROCS_APPLY : cmd->check ? KA_PROCS_CHECK : KA_PROCS_SHOW;
	req.cfg = &cfg;
	status = ka_procs_run(&req, pids, n);
	free(pids);
	return status;
}
