/* The option table and its parser.
 *
 * Each option is one row of the table: adding one is adding a row. A row
 * that names a setting and no action takes a value, checks it with the
 * library's own parser and puts it in the setting's variable; a row with a
 * fixed value is a flag that sets that value. */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#define NO_SETTING (-1)

struct option_row;
typedef bool option_action(const struct option_row *row, const char *arg,
			   struct ka_cmdline *cmd);

struct option_row {
	const char *name;      /* long option */
	int short_name;        /* 0: long only */
	const char *arg;       /* the argument's name in --help; NULL: a flag */
	int setting;           /* the enum ka_setting it sets, or NO_SETTING */
	const char *fixed;     /* the value a flag sets */
	option_action *action; /* NULL: set_setting */
	const char *help;
};

static option_action set_setting, count_verbose, want_show, print_help, print_version;
static option_action want_pid, want_flag, want_cgroup;

static const struct option_row rows[] = {
	{ "idle", 'i', "DURATION", KA_IDLE, NULL, NULL,
	  "idle time before the first probe (default 60s)" },
	{ "intvl", 'I', "DURATION", KA_INTVL, NULL, NULL,
	  "time between probes (default 10s)" },
	{ "cnt", 'c', "N", KA_CNT, NULL, NULL,
	  "unanswered probes that end it (default 6)" },
	{ "user-timeout", 'u', "DURATION", KA_USER_TIMEOUT, NULL, NULL,
	  "how long sent data may stay unacknowledged\n"
	  "(default idle + intvl x cnt; 0: the kernel's)" },
	{ "detect", 'd', "DURATION", KA_DETECT, NULL, NULL,
	  "detection time, split into the timers not given\n"
	  "and the user timeout" },
	{ "mode", 'm', "MODE", KA_MODE, NULL, NULL,
	  "force: the program cannot change the timers\n"
	  "(default respect)" },
	{ "role", 'r', "ROLE", KA_ROLE, NULL, NULL,
	  "client, server or all (default all)" },
	{ "ports", 'p', "LIST", KA_PORTS, NULL, NULL,
	  "only these ports (remote for clients, local\n"
	  "for listeners): 5432,8000-8100" },
	{ "no-inherit", 0, NULL, KA_INHERIT, "no", NULL,
	  "COMMAND only, not the programs it starts" },
	{ "off", 0, NULL, KA_ENABLE, "off", NULL,
	  "preload the library, keepalive off" },
	{ "verbose", 'v', NULL, KA_DEBUG, NULL, count_verbose,
	  "print the settings at start;\ntwice: also one line per socket" },
	{ "show", 0, NULL, NO_SETTING, NULL, want_show,
	  "print the settings and where each comes from" },
	{ "pid", 0, "PID", NO_SETTING, NULL, want_pid,
	  "running processes instead of a command: the\n"
	  "operands are process ids, or all; show their\n"
	  "TCP sockets' keepalive (changes nothing)" },
	{ "cgroup", 0, "PATH", NO_SETTING, NULL, want_cgroup,
	  "every TCP connection of a cgroup v2 directory\n"
	  "and its descendants (root, BPF): show what is\n"
	  "attached and its processes' TCP sockets" },
	{ "apply", 0, NULL, NO_SETTING, "apply", want_flag,
	  "with --pid: apply the settings to them now;\n"
	  "with --cgroup: attach, or update in place" },
	{ "check", 0, NULL, NO_SETTING, "check", want_flag,
	  "with --pid: exit 1 if a listener or a\nconnection lacks keepalive; with --cgroup:\n"
	  "also unless ours is attached with these" },
	{ "detach", 0, NULL, NO_SETTING, "detach", want_flag,
	  "with --cgroup: leave nothing of ours attached" },
	{ "json", 0, NULL, NO_SETTING, "json", want_flag,
	  "with --pid or --cgroup: one JSON document" },
	{ "help", 'h', NULL, NO_SETTING, NULL, print_help, "print this help" },
	{ "version", 'V', NULL, NO_SETTING, NULL, print_version, "print the version" },
};

#define NROWS (sizeof rows / sizeof rows[0])

/* getopt_long returns the short name, or this plus the row for long-only ones. */
#define LONG_ONLY 256

static bool set_setting(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	const char *text = arg != NULL ? arg : row->fixed;
	enum ka_problem_kind kind = KA_PROBLEM_FORM;
	long long value;
	bool empty;

	if (!ka_parse_setting(row->setting, text, &value, &empty, &kind)) {
		fprintf(stderr, "keepalive: --%s '%s' %s: expected %s\n", row->name, text,
			ka_problem_kind_text(empty ? KA_PROBLEM_FORM : kind),
			ka_setting_accepted(row->setting));
		return false;
	}
	cmd->value[row->setting] = text;
	cmd->option[row->setting] = row->name;
	return true;
}

static bool count_verbose(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	static const char *const levels[] = { "0", "1", "2" };

	(void)arg;
	if (cmd->verbose < KA_DEBUG_MAX)
		cmd->verbose++;
	cmd->value[row->setting] = levels[cmd->verbose];
	cmd->option[row->setting] = row->name;
	return true;
}

static bool want_show(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	(void)row;
	(void)arg;
	cmd->show = true;
	return true;
}

/* --pid PID: the first process id; the operands are the others. */
static bool want_pid(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	(void)row;
	return ka_cmdline_add_pid(cmd, arg);
}

static bool want_flag(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	(void)arg;
	if (strcmp(row->fixed, "apply") == 0)
		cmd->apply = true;
	else if (strcmp(row->fixed, "check") == 0)
		cmd->check = true;
	else if (strcmp(row->fixed, "detach") == 0)
		cmd->detach = true;
	else
		cmd->json = true;
	return true;
}

static bool want_cgroup(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	(void)row;
	cmd->cgroup = arg;
	return true;
}

bool ka_cmdline_add_pid(struct ka_cmdline *cmd, const char *arg)
{
	size_t n = 0;
	const char **grown;

	while (cmd->pids != NULL && cmd->pids[n] != NULL)
		n++;
	grown = realloc(cmd->pids, (n + 2) * sizeof *grown);
	if (grown == NULL) {
		perror("keepalive");
		return false;
	}
	grown[n] = arg;
	grown[n + 1] = NULL;
	cmd->pids = grown;
	return true;
}

/* With --pid, the operands are process ids, and options may follow them:
 * takes the operand getopt stopped at. */
static bool pid_operand(int argc, char **argv, struct ka_cmdline *cmd)
{
	return cmd->pids != NULL && optind < argc && ka_cmdline_add_pid(cmd, argv[optind++]);
}

static void usage_lines(FILE *out)
{
	fprintf(out, "Usage: keepalive [OPTIONS] [--] COMMAND [ARGS...]\n"
		     "       keepalive --show [OPTIONS]\n"
		     "       keepalive --pid PID...|all [--check|--apply] [--json] [OPTIONS]\n"
		     "       keepalive --cgroup PATH [--check|--apply|--detach] [--json] [OPTIONS]\n");
}

static bool print_help(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	(void)row;
	(void)arg;
	(void)cmd;
	usage_lines(stdout);
	printf("Run COMMAND with libkeepalive preloaded, so that its TCP connections use\n"
	       "keepalive with these timers and a dead peer is noticed within\n"
	       "idle + intvl x cnt. Each option sets one variable of the library and\n"
	       "overrides it in the environment.\n\n");
	for (size_t i = 0; i < NROWS; i++) {
		char flags[64];

		snprintf(flags, sizeof flags, "%c%c%s--%s%s%s",
			 rows[i].short_name ? '-' : ' ',
			 rows[i].short_name ? rows[i].short_name : ' ',
			 rows[i].short_name ? ", " : "  ", rows[i].name,
			 rows[i].arg ? " " : "", rows[i].arg ? rows[i].arg : "");
		printf("  %-28s ", flags);
		for (const char *h = rows[i].help; *h != '\0'; h++) {
			if (*h == '\n')
				printf("\n  %-28s ", "");
			else
				putchar(*h);
		}
		if (rows[i].setting != NO_SETTING)
			printf("\n  %-28s sets %s", "", ka_setting_variable(rows[i].setting));
		putchar('\n');
	}
	printf("\nDURATION: seconds, or numbers with units h, m, s, ms: 30, 30s, 1m30s, 1500ms.\n"
	       "KEEPALIVE_LIBRARY=PATH uses that library instead of the installed one.\n"
	       "Exit status: COMMAND's own; 2 for a usage error, 125 if keepalive failed,\n"
	       "126 if COMMAND cannot be executed, 127 if it is not found. With --pid: 0,\n"
	       "1 if something lacks keepalive (--check) or could not be reached, 2 for a\n"
	       "usage error.\n\n"
	       "Example: keepalive --idle 30s --intvl 5s --cnt 3 -- ./server --port 8080\n");
	return true;
}

static bool print_version(const struct option_row *row, const char *arg, struct ka_cmdline *cmd)
{
	(void)row;
	(void)arg;
	(void)cmd;
	printf("keepalive (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
	return true;
}

static int row_key(size_t i)
{
	return rows[i].short_name ? rows[i].short_name : LONG_ONLY + (int)i;
}

static void build_getopt(char *shorts, struct option *longs)
{
	char *s = shorts;

	*s++ = '+'; /* stop at the command: its options are its own */
	*s++ = ':'; /* report a missing value as ':' */
	for (size_t i = 0; i < NROWS; i++) {
		if (rows[i].short_name) {
			*s++ = (char)rows[i].short_name;
			if (rows[i].arg)
				*s++ = ':';
		}
		longs[i] = (struct option){ rows[i].name,
					    rows[i].arg ? required_argument : no_argument, NULL,
					    row_key(i) };
	}
	*s = '\0';
	longs[NROWS] = (struct option){ NULL, 0, NULL, 0 };
}

static enum ka_cmd_action bad_usage(const char *problem, const char *what)
{
	if (problem != NULL)
		fprintf(stderr, "keepalive: %s '%s'\n", problem, what);
	fprintf(stderr, "Try 'keepalive --help' for more information.\n");
	return KA_CMD_USAGE;
}

enum ka_cmd_action ka_cmdline_parse(int argc, char **argv, struct ka_cmdline *cmd)
{
	char shorts[3 + 2 * NROWS];
	struct option longs[NROWS + 1];
	int key;

	memset(cmd, 0, sizeof *cmd);
	build_getopt(shorts, longs);
	opterr = 0;
	while ((key = getopt_long(argc, argv, shorts, longs, NULL)) != -1 ||
	       pid_operand(argc, argv, cmd)) {
		size_t i;

		if (key == -1)
			continue;
		if (key == '?')
			return bad_usage("unknown option", argv[optind - 1]);
		if (key == ':')
			return bad_usage("a value is needed after", argv[optind - 1]);
		for (i = 0; i < NROWS && row_key(i) != key; i++)
			;
		if (i == NROWS)
			return bad_usage("unknown option", argv[optind - 1]);
		if (!(rows[i].action ? rows[i].action : set_setting)(&rows[i], optarg, cmd))
			return KA_CMD_USAGE;
		if (rows[i].action == print_help || rows[i].action == print_version)
			return KA_CMD_DONE;
	}
	cmd->command = argv + optind;
	if (cmd->cgroup != NULL && cmd->pids != NULL)
		return bad_usage("--pid and --cgroup exclude each other:", "--cgroup");
	if (cmd->detach && cmd->cgroup == NULL)
		return bad_usage("--detach goes with", "--cgroup");
	if (cmd->pids != NULL)
		return KA_CMD_PIDS;
	if (cmd->cgroup != NULL)
		return KA_CMD_CGROUP;
	if (cmd->show)
		return KA_CMD_SHOW;
	if (*cmd->command == NULL) {
		fprintf(stderr, "keepalive: no command given\n");
		usage_lines(stderr);
		return bad_usage(NULL, NULL);
	}
	return KA_CMD_RUN;
}
