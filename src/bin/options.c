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

#include "messages.h"
#include "options.h"
#include "parse.h"

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
	const char *help;      /* NULL: the setting's, from the settings table */
	const char *alias;     /* another long name people type for it, or NULL */
};

static option_action set_setting, count_verbose, want_show, print_help, print_version;
static option_action want_pid, want_flag, want_cgroup;

/* Rows that set a setting from a value take its help and default from the
 * settings table; flags say what they set. */
static const struct option_row rows[] = {
	{ "idle", 'i', "DURATION", KA_IDLE, NULL, NULL, NULL, NULL },
	{ "intvl", 'I', "DURATION", KA_INTVL, NULL, NULL, NULL, "interval" },
	{ "cnt", 'c', "N", KA_CNT, NULL, NULL, NULL, "count" },
	{ "user-timeout", 'u', "DURATION", KA_USER_TIMEOUT, NULL, NULL, NULL, NULL },
	{ "detect", 'd', "DURATION", KA_DETECT, NULL, NULL, NULL, NULL },
	{ "mode", 'm', "MODE", KA_MODE, NULL, NULL, NULL, NULL },
	{ "force", 0, NULL, KA_MODE, "force", NULL, "the same as --mode force", NULL },
	{ "role", 'r', "ROLE", KA_ROLE, NULL, NULL, NULL, NULL },
	{ "ports", 'p', "LIST", KA_PORTS, NULL, NULL, NULL, NULL },
	{ "no-inherit", 0, NULL, KA_INHERIT, "no", NULL, "COMMAND only, not the programs it starts",
	  NULL },
	{ "off", 0, NULL, KA_ENABLE, "off", NULL, "preload the library, keepalive off", NULL },
	{ "verbose", 'v', NULL, KA_DEBUG, NULL, count_verbose,
	  "print the settings at start; twice: also one line per socket", "debug" },
	{ "show", 0, NULL, NO_SETTING, NULL, want_show,
	  "print the settings and where each comes from", NULL },
	{ "pid", 0, "PID", NO_SETTING, NULL, want_pid,
	  "running processes instead of a command: the operands are process ids, or all; show "
	  "their TCP sockets' keepalive (changes nothing)", NULL },
	{ "cgroup", 0, "PATH", NO_SETTING, NULL, want_cgroup,
	  "every TCP connection of a cgroup v2 directory and its descendants (root, BPF): show "
	  "what is attached and its processes' TCP sockets", NULL },
	{ "apply", 0, NULL, NO_SETTING, "apply", want_flag,
	  "with --pid: apply the settings to them now; with --cgroup: attach, or update in place",
	  NULL },
	{ "check", 0, NULL, NO_SETTING, "check", want_flag,
	  "with --pid: exit 1 if a listener or a connection lacks keepalive; with --cgroup: also "
	  "unless ours is attached with these", NULL },
	{ "detach", 0, NULL, NO_SETTING, "detach", want_flag,
	  "with --cgroup: leave nothing of ours attached", NULL },
	{ "json", 0, NULL, NO_SETTING, "json", want_flag, "with --pid or --cgroup: one JSON document",
	  NULL },
	{ "help", 'h', NULL, NO_SETTING, NULL, print_help, "print this help", NULL },
	{ "version", 'V', NULL, NO_SETTING, NULL, print_version, "print the version", NULL },
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
		char shown[KA_VALUE_SHOWN_SIZE];

		ka_value_shown(shown, text);
		fprintf(stderr, "keepalive: --%s '%s' %s: expected %s\n", row->name, shown,
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

#define HELP_INDENT 31
#define HELP_WIDTH 79

/* Prints text from column HELP_INDENT, wrapped at spaces within HELP_WIDTH;
 * *column is where the line stands. */
static void print_wrapped(const char *text, int *column)
{
	while (*text != '\0') {
		int word = (int)strcspn(text, " ");

		if (*column > HELP_INDENT && *column + 1 + word > HELP_WIDTH) {
			printf("\n%*s", HELP_INDENT, "");
			*column = HELP_INDENT;
		} else if (*column > HELP_INDENT) {
			putchar(' ');
			(*column)++;
		}
		printf("%.*s", word, text);
		*column += word;
		text += word;
		text += strspn(text, " ");
	}
}

static void print_row_help(const struct option_row *row)
{
	char flags[64], text[256];
	int column;

	snprintf(flags, sizeof flags, "%c%c%s--%s%s%s", row->short_name ? '-' : ' ',
		 row->short_name ? row->short_name : ' ', row->short_name ? ", " : "  ",
		 row->name, row->arg ? " " : "", row->arg ? row->arg : "");
	column = printf("  %-*s", HELP_INDENT - 3, flags);
	if (row->help != NULL || row->setting == NO_SETTING) {
		snprintf(text, sizeof text, "%s", row->help);
	} else {
		const struct ka_setting_info *info = ka_setting_info(row->setting);

		/* A default in parentheses describes an absence the help already names. */
		snprintf(text, sizeof text, info->fallback_text[0] == '(' ? "%s" : "%s (default %s)",
			 info->help, info->fallback_text);
	}
	if (row->alias != NULL)
		snprintf(text + strlen(text), sizeof text - strlen(text), "; also --%s", row->alias);
	if (column < HELP_INDENT)
		column += printf("%*s", HELP_INDENT - column, "");
	print_wrapped(text, &column);
	if (row->setting != NO_SETTING)
		printf("\n%*ssets %s", HELP_INDENT, "", ka_setting_variable(row->setting));
	putchar('\n');
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
	for (size_t i = 0; i < NROWS; i++)
		print_row_help(&rows[i]);
	printf("\nDURATION: seconds, or numbers with units h, m, s, ms: 30, 30s, 1m30s, 1500ms.\n"
	       "KEEPALIVE_LIBRARY=PATH uses that library instead of the installed one.\n"
	       "Exit status: COMMAND's own; 125 for an error of keepalive itself (usage,\n"
	       "a bad value, the library), 126 if COMMAND cannot be executed, 127 if it is\n"
	       "not found. With --pid: 0, 1 if something lacks keepalive (--check) or\n"
	       "could not be reached, 125 for an error of keepalive itself.\n\n"
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

/* Each row's long name, then the aliases: getopt_long's table. */
#define NLONGS (2 * NROWS)

static void build_getopt(char *shorts, struct option *longs)
{
	char *s = shorts;
	size_t n = 0;

	*s++ = '+'; /* stop at the command: its options are its own */
	*s++ = ':'; /* report a missing value as ':' */
	for (size_t i = 0; i < NROWS; i++) {
		if (rows[i].short_name) {
			*s++ = (char)rows[i].short_name;
			if (rows[i].arg)
				*s++ = ':';
		}
		longs[n++] = (struct option){ rows[i].name,
					      rows[i].arg ? required_argument : no_argument, NULL,
					      row_key(i) };
	}
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].alias != NULL)
			longs[n++] = (struct option){ rows[i].alias, longs[i].has_arg, NULL,
						      row_key(i) };
	*s = '\0';
	longs[n] = (struct option){ NULL, 0, NULL, 0 };
}

static enum ka_cmd_action bad_usage(const char *problem, const char *what)
{
	char shown[KA_VALUE_SHOWN_SIZE];

	if (problem != NULL) {
		ka_value_shown(shown, what);
		fprintf(stderr, "keepalive: %s '%s'\n", problem, shown);
	}
	fprintf(stderr, "Try 'keepalive --help' for more information.\n");
	return KA_CMD_USAGE;
}

/* How far apart two words are: edits of one letter (Levenshtein), at most 9. */
static int distance(const char *a, const char *b)
{
	int row[32], n = (int)strlen(b);

	if (n >= 31 || strlen(a) >= 31)
		return 9;
	for (int j = 0; j <= n; j++)
		row[j] = j;
	for (int i = 1; a[i - 1] != '\0'; i++) {
		int diagonal = row[0];

		row[0] = i;
		for (int j = 1; j <= n; j++) {
			int up = row[j], best = diagonal + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diagonal = up;
			row[j] = best;
		}
	}
	return row[n] < 9 ? row[n] : 9;
}

/* Why getopt_long refused a long option, in one line. */
static enum ka_cmd_action bad_long_option(const char *token, const struct option *longs)
{
	size_t n = strcspn(token + 2, "=");
	const struct option *exact = NULL, *near = NULL;
	char matches[256] = "", shown[KA_VALUE_SHOWN_SIZE];
	int prefixes = 0, best = 3;

	for (const struct option *o = longs; o->name != NULL; o++) {
		if (strlen(o->name) == n && strncmp(o->name, token + 2, n) == 0)
			exact = o;
		if (strncmp(o->name, token + 2, n) == 0 && prefixes++ < 8)
			snprintf(matches + strlen(matches), sizeof matches - strlen(matches),
				 "%s--%s", prefixes > 1 ? ", " : "", o->name);
	}
	if (exact == NULL && prefixes == 1)
		for (const struct option *o = longs; o->name != NULL; o++)
			if (strncmp(o->name, token + 2, n) == 0)
				exact = o;
	ka_value_shown(shown, token);
	if (exact != NULL && token[2 + n] == '=' && exact->has_arg == no_argument) {
		fprintf(stderr, "keepalive: --%s takes no value: '%s'\n", exact->name, shown);
		return bad_usage(NULL, NULL);
	}
	if (exact == NULL && prefixes > 1) {
		shown[strcspn(shown, "=")] = '\0';
		fprintf(stderr, "keepalive: option '%s' is ambiguous: %s\n", shown, matches);
		return bad_usage(NULL, NULL);
	}
	for (const struct option *o = longs; o->name != NULL; o++) {
		char typed[32];

		snprintf(typed, sizeof typed, "%.*s", (int)n, token + 2);
		if (distance(typed, o->name) < best) {
			best = distance(typed, o->name);
			near = o;
		}
	}
	if (near != NULL) {
		fprintf(stderr, "keepalive: unknown option '%s'; did you mean --%s?\n", shown,
			near->name);
		return bad_usage(NULL, NULL);
	}
	return bad_usage("unknown option", token);
}

enum ka_cmd_action ka_cmdline_parse(int argc, char **argv, struct ka_cmdline *cmd)
{
	char shorts[3 + 2 * NROWS];
	struct option longs[NLONGS + 1];
	int key;

	memset(cmd, 0, sizeof *cmd);
	build_getopt(shorts, longs);
	opterr = 0;
	while ((key = getopt_long(argc, argv, shorts, longs, NULL)) != -1 ||
	       pid_operand(argc, argv, cmd)) {
		size_t i;

		if (key == -1)
			continue;
		if (key == '?' && strncmp(argv[optind - 1], "--", 2) == 0)
			return bad_long_option(argv[optind - 1], longs);
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
