/* What the library tells the user: warnings, and with KEEPALIVE_DEBUG its work. */
#include <config.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "log.h"
#include "messages.h"
#include "ports.h"

#define KA_LINE_MAX 512

/* The version, found by strings(1) and by keepalive --show in the file. */
const char ka_version[] = KA_VERSION_MARKER PACKAGE_VERSION;

/* stderr is usable when it is open and not a socket. */
static bool stderr_usable(void)
{
	struct stat st;

	return fstat(STDERR_FILENO, &st) == 0 && !S_ISSOCK(st.st_mode);
}

static void write_all(const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(STDERR_FILENO, buf, len);

		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

static void emit(bool to_stderr, int priority, const char *line)
{
	if (to_stderr) {
		write_all(line, strlen(line));
		write_all("\n", 1);
	} else {
		syslog(LOG_USER | priority, "%s", line);
	}
}

/* Async-signal-safe building of a line: no stdio. */
struct line {
	char buf[KA_LINE_MAX];
	size_t len;
};

static void add_text(struct line *l, const char *text)
{
	while (*text != '\0' && l->len < sizeof l->buf - 1)
		l->buf[l->len++] = *text++;
}

static void add_number(struct line *l, long long n)
{
	char digits[KA_DECIMAL_SIZE];

	add_text(l, ka_decimal(digits, n));
}

/* Text a program chose (a thread's name), as messages show values. */
static void add_shown(struct line *l, const char *text)
{
	char shown[KA_VALUE_SHOWN_SIZE];

	ka_value_shown(shown, text);
	add_text(l, shown);
}

/* Whose line it is, "libkeepalive[1234 nginx]", so that the lines of a
 * launcher chain or of a forking server can be told apart. The name is the
 * calling thread's (PR_GET_NAME): the file's name from exec, unless the
 * program renamed the thread. */
static void add_origin(struct line *l)
{
	char name[17] = "";

	add_text(l, "libkeepalive[");
	add_number(l, (long long)getpid());
	if (prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && name[0] != '\0') {
		add_text(l, " ");
		add_shown(l, name);
	}
	add_text(l, "]");
}

/* The line so far as a string. */
static const char *line_text(struct line *l)
{
	l->buf[l->len] = '\0'; /* add_text leaves room for it */
	return l->buf;
}

void ka_log_startup(const struct ka_config *cfg)
{
	char line[KA_LINE_MAX];
	struct line origin = { .len = 0 };
	bool to_stderr;

	/* The keepalive command has given these warnings once already. */
	int nproblems = cfg->checked ? 0 : cfg->nproblems;

	if (nproblems == 0 && cfg->debug < 1)
		return; /* nothing to say: not even an fstat */
	to_stderr = stderr_usable();
	add_origin(&origin);
	for (int i = 0; i < nproblems; i++) {
		const struct ka_problem *p = &cfg->problems[i];

		ka_problem_format(p, cfg, line_text(&origin), p->variable, line, sizeof line);
		emit(to_stderr, LOG_WARNING, line);
	}
	if (cfg->debug >= 1) {
		size_t used = (size_t)snprintf(line, sizeof line, "%s: ", line_text(&origin));
		Dl_info self;

		used += (size_t)ka_config_describe(cfg, line + used, sizeof line - used);
		/* Which library this is: LD_PRELOAD=libkeepalive.so may find another. */
		if (used < sizeof line && dladdr((void *)ka_log_startup, &self) != 0 &&
		    self.dli_fname != NULL)
			snprintf(line + used, sizeof line - used, " (%s, %s)", ka_version,
				 self.dli_fname);
		emit(to_stderr, LOG_INFO, line);
	}
}

/* Starts a KEEPALIVE_DEBUG=2 line about a descriptor; false when none is due. */
static bool start_socket_line(struct line *l, const struct ka_config *cfg, int fd)
{
	if (cfg->debug < 2 || !stderr_usable())
		return false;
	add_origin(l);
	add_text(l, ": fd ");
	add_number(l, fd);
	add_text(l, ": ");
	return true;
}

static void finish_line(struct line *l)
{
	add_text(l, "\n");
	write_all(l->buf, l->len);
}

void ka_log_socket(const struct ka_config *cfg, int fd, const char *what)
{
	struct line l = { .len = 0 };

	if (!start_socket_line(&l, cfg, fd))
		return;
	add_text(&l, what);
	finish_line(&l);
}

/* The options named by a set of enum ka_option bits, as "TCP_KEEPIDLE, ...". */
static void add_options(struct line *l, unsigned options)
{
	char names[128];

	ka_sockopts_list(options, names, sizeof names);
	add_text(l, names);
}

void ka_log_configured(const struct ka_config *cfg, int fd, const char *where, unsigned kept,
		       unsigned refused)
{
	struct line l = { .len = 0 };

	if (!start_socket_line(&l, cfg, fd))
		return;
	add_text(&l, "configured ");
	add_text(&l, where);
	add_text(&l, ": idle=");
	add_number(&l, cfg->idle_s);
	add_text(&l, "s intvl=");
	add_number(&l, cfg->intvl_s);
	add_text(&l, "s cnt=");
	add_number(&l, cfg->cnt);
	add_text(&l, " user_timeout=");
	add_number(&l, cfg->user_timeout_ms);
	add_text(&l, "ms");
	if (kept != 0) {
		add_text(&l, "; the program's own kept: ");
		add_options(&l, kept);
	}
	if (refused != 0) {
		add_text(&l, "; refused by the kernel: ");
		add_options(&l, refused);
	}
	finish_line(&l);
}

/* Why a scope filter left a socket: its side or its port, and the filter. */
static void add_scope_reason(struct line *l, const struct ka_config *cfg, enum ka_reason reason,
			     const struct ka_socket_facts *s)
{
	static const char *const sides[] = {
		[KA_SIDE_UNDECIDED] = "a socket not connected yet",
		[KA_SIDE_CLIENT] = "a client socket",
		[KA_SIDE_LISTENER] = "a listener",
		[KA_SIDE_ACCEPTED] = "an accepted connection",
	};
	char ports[KA_PORTS_TEXT_MAX];

	if (reason == KA_WHY_ROLE) {
		add_text(l, sides[s->side]);
		add_text(l, ", outside KEEPALIVE_ROLE=");
		add_text(l, ka_setting_word(KA_ROLE, cfg->role));
		return;
	}
	if (s->port < 0) {
		add_text(l, "no port (not IPv4 or IPv6)");
	} else {
		add_text(l, s->side == KA_SIDE_CLIENT ? "remote port " : "local port ");
		add_number(l, s->port);
	}
	add_text(l, ", outside KEEPALIVE_PORTS=");
	ka_ports_format(cfg->ports, cfg->nports, ports, sizeof ports);
	add_text(l, ports);
}

void ka_log_left(const struct ka_config *cfg, int fd, const char *what, enum ka_reason reason,
		 const struct ka_socket_facts *s)
{
	struct line l = { .len = 0 };

	if (!start_socket_line(&l, cfg, fd))
		return;
	add_text(&l, what);
	add_text(&l, ": left alone: ");
	if (reason == KA_WHY_ROLE || reason == KA_WHY_PORT)
		add_scope_reason(&l, cfg, reason, s);
	else
		add_text(&l, ka_reason_text(reason));
	finish_line(&l);
}

void ka_log_override(const struct ka_config *cfg, int fd, const struct ka_sockopt *opt,
		     int given, int kept)
{
	struct line l = { .len = 0 };

	if (!start_socket_line(&l, cfg, fd))
		return;
	add_text(&l, "setsockopt(");
	add_text(&l, opt->label);
	add_text(&l, ", ");
	add_number(&l, given);
	add_text(&l, ") overridden by KEEPALIVE_MODE=force: keeping ");
	add_number(&l, kept);
	finish_line(&l);
}
