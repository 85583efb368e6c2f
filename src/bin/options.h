/* The command line of keepalive: a table of options, each setting one
 * variable of the library, parsed with getopt_long. */
#ifndef KA_OPTIONS_H
#define KA_OPTIONS_H

#include <stdbool.h>

#include "settings.h"

/* Exit statuses of the command itself (those of COMMAND pass through), as
 * env(1), nice(1) and timeout(1) have them. */
#define KA_EXIT_FAILED 125  /* keepalive's own error: usage, a bad value, the library */
#define KA_EXIT_NOEXEC 126  /* COMMAND found but not executable */
#define KA_EXIT_NOTFOUND 127

enum ka_cmd_action {
	KA_CMD_RUN,   /* run the command */
	KA_CMD_SHOW,  /* print the effective settings */
	KA_CMD_DONE,  /* --help or --version printed: exit 0 */
	KA_CMD_USAGE, /* a message was printed: exit KA_EXIT_FAILED */
	KA_CMD_PIDS,  /* --pid: running processes (pidcmd.c) */
	KA_CMD_CGROUP, /* --cgroup PATH: a cgroup's connections (cgroupcmd.c) */
};

struct ka_cmdline {
	/* What the options put in each variable, NULL where they do not. */
	const char *value[KA_SETTING_COUNT];
	/* The long option that set it, for --show. */
	const char *option[KA_SETTING_COUNT];
	int verbose;
	bool show;
	char **command; /* NULL-terminated, from argv */
	/* --pid: the operands are process ids (or "all"), options may follow them. */
	const char **pids; /* NULL-terminated; NULL without --pid */
	bool apply, check, json;
	const char *cgroup; /* --cgroup PATH */
	bool detach;
};

enum ka_cmd_action ka_cmdline_parse(int argc, char **argv, struct ka_cmdline *cmd);

/* Adds one operand of --pid; false when out of memory. */
bool ka_cmdline_add_pid(struct ka_cmdline *cmd, const char *arg);

#endif
