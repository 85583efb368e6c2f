/* Printing what keepalive --pid found and did: a table and one summary
 * line a process, or one JSON document with the names of keepalive(1). */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>

#include "messages.h"
#include "procfd.h"
#include "report.h"

static const char *state_name(int state)
{
	static const char *const names[] = {
		[TCP_ESTABLISHED] = "established", [TCP_SYN_SENT] = "syn-sent",
		[TCP_SYN_RECV] = "syn-recv",       [TCP_FIN_WAIT1] = "fin-wait-1",
		[TCP_FIN_WAIT2] = "fin-wait-2",    [TCP_TIME_WAIT] = "time-wait",
		[TCP_CLOSE] = "unconnected",       [TCP_CLOSE_WAIT] = "close-wait",
		[TCP_LAST_ACK] = "last-ack",       [TCP_LISTEN] = "listen",
		[TCP_CLOSING] = "closing",
	};

	return state > 0 && state < (int)(sizeof names / sizeof names[0]) && names[state] ?
		       names[state] :
		       "unknown";
}

static const char *side_name(enum ka_side side)
{
	switch (side) {
	case KA_SIDE_CLIENT:
		return "client";
	case KA_SIDE_LISTENER:
		return "listener";
	case KA_SIDE_ACCEPTED:
		return "accepted";
	default:
		return "unconnected";
	}
}

static int option_index(enum ka_option bit)
{
	int i = 0;

	while (i < KA_SOCKOPT_COUNT - 1 && ka_sockopts[i].bit != bit)
		i++;
	return i;
}

static bool keepalive_on(const struct ka_sock_report *s)
{
	return s->values[option_index(KA_OPT_KEEPALIVE)] > 0;
}

bool ka_report_uncovered(const struct ka_sock_report *s, const struct ka_config *cfg)
{
	int port = s->side == KA_SIDE_CLIENT ? s->peer_port : s->local_port;

	return s->side != KA_SIDE_UNDECIDED && !keepalive_on(s) &&
	       ka_config_role_in_scope(cfg, s->side) && ka_config_port_in_scope(cfg, port);
}

void ka_report_count(const struct ka_proc_report *p, const struct ka_config *cfg,
		     struct ka_proc_counts *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < p->nsocks; i++) {
		const struct ka_sock_report *s = &p->socks[i];

		c->listeners += s->side == KA_SIDE_LISTENER;
		c->connections += s->side == KA_SIDE_CLIENT || s->side == KA_SIDE_ACCEPTED;
		c->uncovered += ka_report_uncovered(s, cfg);
		c->queued += s->queued;
	}
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void print_error(const struct ka_proc_report *p)
{
	if (p->error != 0)
		fprintf(stderr, "keepalive: pid %ld%s%s%s: %s: %s; nothing changed there\n",
			(long)p->pid, strcmp(p->comm, "?") ? " (" : "",
			strcmp(p->comm, "?") ? p->comm : "", strcmp(p->comm, "?") ? ")" : "",
			p->error_what, ka_procfd_needs(p->error));
	else if (p->exited)
		fprintf(stderr, "keepalive: pid %ld (%s): exited during the scan\n", (long)p->pid,
			p->comm);
	if (p->copy_failed > 0)
		fprintf(stderr, "keepalive: pid %ld (%s): %zu %s could not be copied\n",
			(long)p->pid, p->comm, p->copy_failed,
			plural(p->copy_failed, "socket", "sockets"));
}

/* --pid all: the unreachable are counted in one line, those that exited
 * are not worth one. */
static void report_error(const struct ka_procs_request *req, const struct ka_proc_report *p)
{
	if (!req->all || (p->error == 0 && !p->exited))
		print_error(p);
}

/* One cell of an option, as the column shows it. */
static void option_text(const struct ka_sock_report *s, int i, char *buf, size_t len)
{
	int v = s->values[i];

	if (v < 0)
		snprintf(buf, len, "?");
	else if (ka_sockopts[i].bit == KA_OPT_KEEPALIVE)
		snprintf(buf, len, "%s", v ? "on" : "off");
	else if (ka_sockopts[i].bit == KA_OPT_USER_TIMEOUT)
		snprintf(buf, len, v ? "%dms" : "0", v);
	else if (ka_sockopts[i].bit == KA_OPT_CNT)
		snprintf(buf, len, "%d", v);
	else
		snprintf(buf, len, "%ds", v);
}

static void table_header(void)
{
	printf("%-7s %-15s %5s %-11s %-23s %-23s %-9s %6s %6s %3s %12s %s\n", "PID", "COMMAND",
	       "FD", "STATE", "LOCAL", "PEER", "KEEPALIVE", "IDLE", "INTVL", "CNT",
	       "USER_TIMEOUT", "TIMER");
}

static void table_row(const struct ka_proc_report *p, const struct ka_sock_report *s)
{
	char cell[KA_SOCKOPT_COUNT][24], timer[48];
	static const enum ka_option columns[KA_SOCKOPT_COUNT] = {
		KA_OPT_KEEPALIVE, KA_OPT_IDLE, KA_OPT_INTVL, KA_OPT_CNT, KA_OPT_USER_TIMEOUT
	};

	for (int c = 0; c < KA_SOCKOPT_COUNT; c++)
		option_text(s, option_index(columns[c]), cell[c], sizeof cell[c]);
	ka_diag_timer_text(s->has_diag ? &s->diag : NULL, timer, sizeof timer);
	printf("%-7ld %-15s %5d %-11s %-23s %-23s %-9s %6s %6s %3s %12s %s\n", (long)p->pid,
	       p->comm, s->fd, state_name(s->state), s->local[0] ? s->local : "*",
	       s->peer[0] ? s->peer : "*", cell[0], cell[1], cell[2], cell[3], cell[4], timer);
}

static void summary(const struct ka_proc_report *p, const struct ka_config *cfg, bool check)
{
	struct ka_proc_counts c;

	ka_report_count(p, cfg, &c);
	printf("%s %ld: %zu %s, %zu %s, %zu without keepalive%s", p->comm, (long)p->pid,
	       c.listeners, plural(c.listeners, "listener", "listeners"), c.connections,
	       plural(c.connections, "connection", "connections"), c.uncovered,
	       check && (cfg->role != KA_ROLE_ALL || cfg->nports > 0) ? " in scope" : "");
	if (c.queued > 0)
		printf(", %zu waiting in an accept queue", c.queued);
	if (p->changed > 0)
		printf(" (%zu closed or replaced during the scan)", p->changed);
	putchar('\n');
}

/* --apply: what was configured, what was left and why, a line each. */
static void applied(const struct ka_proc_report *p, const struct ka_config *cfg)
{
	size_t conf_l = 0, conf_c = 0, left[KA_REASON_COUNT] = { 0 }, gone = 0, unheard = 0,
	       unconnected = 0, conf_u = 0;
	char settings[256];
	struct ka_proc_counts c;

	for (size_t i = 0; i < p->nsocks; i++) {
		const struct ka_sock_report *s = &p->socks[i];
		char names[128];

		if (s->result == KA_RESULT_CONFIGURED || s->result == KA_RESULT_FAILED) {
			conf_l += s->side == KA_SIDE_LISTENER;
			conf_c += s->side == KA_SIDE_CLIENT || s->side == KA_SIDE_ACCEPTED;
			conf_u += s->side == KA_SIDE_UNDECIDED;
		} else if (s->reason == KA_WHY_NONE) {
			gone++;
		} else if (s->unconnected) {
			unconnected++;
		} else {
			left[s->reason]++;
		}
		unheard += s->ut_unheard;
		if (s->kept) {
			ka_sockopts_list(s->kept, names, sizeof names);
			printf("%s %ld: fd %d: the program's own %s kept\n", p->comm, (long)p->pid,
			       s->fd, names);
		}
		if (s->refused) {
			ka_sockopts_list(s->refused, names, sizeof names);
			printf("%s %ld: fd %d: the kernel refused %s\n", p->comm, (long)p->pid,
			       s->fd, names);
		}
	}
	ka_config_describe(cfg, settings, sizeof settings);
	if (conf_l + conf_c + conf_u > 0)
		printf("%s %ld: configured %zu %s and %zu %s%s%.0zu%s: %s\n", p->comm,
		       (long)p->pid, conf_l, plural(conf_l, "listener", "listeners"), conf_c,
		       plural(conf_c, "connection", "connections"), conf_u ? " and " : "", conf_u,
		       conf_u ? " unconnected" : "", settings);
	for (int r = 0; r < KA_REASON_COUNT; r++)
		if (left[r] > 0)
			printf("%s %ld: left %zu %s: %s\n", p->comm, (long)p->pid, left[r],
			       plural(left[r], "socket", "sockets"), ka_reason_text(r));
	if (unconnected > 0)
		printf("%s %ld: left %zu %s: neither connected nor listening, its role and port "
		       "unknown yet\n",
		       p->comm, (long)p->pid, unconnected, plural(unconnected, "socket", "sockets"));
	if (gone + p->changed > 0)
		printf("%s %ld: %zu %s closed or replaced during the scan: left alone\n",
		       p->comm, (long)p->pid, gone + p->changed,
		       plural(gone + p->changed, "descriptor", "descriptors"));
	if (unheard > 0)
		printf("%s %ld: %zu %s not heard from within idle + intvl x cnt: left without "
		       "TCP_USER_TIMEOUT\n",
		       p->comm, (long)p->pid, unheard, plural(unheard, "connection", "connections"));
	ka_report_count(p, cfg, &c);
	if (c.queued > 0)
		printf("%s %ld: %zu %s waiting in an accept queue cannot be reached until "
		       "accepted\n",
		       p->comm, (long)p->pid, c.queued, plural(c.queued, "connection", "connections"));
	if (p->nsocks == 0)
		printf("%s %ld: no TCP sockets\n", p->comm, (long)p->pid);
}

static bool shown(const struct ka_procs_request *req, const struct ka_proc_report *p)
{
	/* --pid all: only the processes with TCP sockets. */
	return p->error == 0 && !p->left && (!req->all || p->nsocks > 0);
}

void ka_report_text(const struct ka_procs_request *req, const struct ka_proc_report *procs,
		    size_t n, const struct ka_report_totals *t)
{
	bool header = false;

	for (size_t i = 0; i < n; i++) {
		const struct ka_proc_report *p = &procs[i];

		report_error(req, p);
		if (!shown(req, p))
			continue;
		if (req->action == KA_PROCS_APPLY) {
			applied(p, req->cfg);
			continue;
		}
		for (size_t j = 0; j < p->nsocks; j++) {
			if (req->action == KA_PROCS_CHECK &&
			    !ka_report_uncovered(&p->socks[j], req->cfg))
				continue;
			if (!header)
				table_header();
			header = true;
			table_row(p, &p->socks[j]);
		}
	}
	for (size_t i = 0; i < n; i++)
		if (shown(req, &procs[i]) && req->action != KA_PROCS_APPLY)
			summary(&procs[i], req->cfg, req->action == KA_PROCS_CHECK);
	if (t->unreachable > 0)
		fprintf(stderr, "keepalive: %zu %s could not be reached (%s); nothing changed there\n",
			t->unreachable, plural(t->unreachable, "process", "processes"),
			ka_procfd_needs(t->unreachable_error));
}

/* JSON */

static void json_string(const char *text)
{
	putchar('"');
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		if (*c == '"' || *c == '\\')
			printf("\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			printf("\\u%04x", *c);
		else
			putchar(*c);
	}
	putchar('"');
}

static void json_key(const char *key, bool *first)
{
	printf("%s\"%s\":", *first ? "" : ",", key);
	*first = false;
}

static void json_socket(const struct ka_sock_report *s, const struct ka_config *cfg,
			enum ka_procs_action action)
{
	bool first = true;

	putchar('{');
	json_key("fd", &first);
	printf("%d", s->fd);
	json_key("inode", &first);
	printf("%lu", s->inode);
	json_key("family", &first);
	json_string(s->family == AF_INET6 ? "ipv6" : "ipv4");
	json_key("state", &first);
	json_string(state_name(s->state));
	json_key("role", &first);
	json_string(side_name(s->side));
	json_key("local", &first);
	s->local[0] ? json_string(s->local) : (void)printf("null");
	json_key("peer", &first);
	s->peer[0] ? json_string(s->peer) : (void)printf("null");
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		json_key(ka_sockopts[i].key, &first);
		if (s->values[i] < 0)
			printf("null");
		else if (ka_sockopts[i].bit == KA_OPT_KEEPALIVE)
			printf("%s", s->values[i] ? "true" : "false");
		else
			printf("%d", s->values[i]);
	}
	json_key("covered", &first);
	printf("%s", ka_report_uncovered(s, cfg) ? "false" : "true");
	if (s->side == KA_SIDE_LISTENER) {
		json_key("queued", &first);
		printf("%u", s->queued);
	}
	json_key("timer", &first);
	if (s->has_diag) {
		printf("{\"name\":");
		json_string(ka_diag_timer_name(s->diag.timer));
		printf(",\"expires_ms\":%u,\"probes\":%u}", s->diag.expires_ms, s->diag.retrans);
	} else {
		printf("null");
	}
	if (action == KA_PROCS_APPLY) {
		static const char *const results[] = { "shown", "configured", "left", "failed" };
		char names[128];

		json_key("result", &first);
		json_string(s->result == KA_RESULT_LEFT && s->reason == KA_WHY_NONE ?
				    "gone" :
				    results[s->result]);
		json_key("reason", &first);
		if (s->unconnected)
			json_string("neither connected nor listening");
		else if (s->result == KA_RESULT_LEFT && s->reason != KA_WHY_NONE)
			json_string(ka_reason_text(s->reason));
		else
			printf("null");
		json_key("set", &first);
		ka_sockopts_list(s->set, names, sizeof names);
		json_string(names);
		json_key("refused", &first);
		ka_sockopts_list(s->refused, names, sizeof names);
		json_string(names);
		json_key("kept", &first);
		ka_sockopts_list(s->kept, names, sizeof names);
		json_string(names);
		json_key("user_timeout_unheard", &first);
		printf("%s", s->ut_unheard ? "true" : "false");
	}
	putchar('}');
}

static void json_process(const struct ka_procs_request *req, const struct ka_proc_report *p)
{
	struct ka_proc_counts c;
	bool first = true;

	ka_report_count(p, req->cfg, &c);
	putchar('{');
	json_key("pid", &first);
	printf("%ld", (long)p->pid);
	json_key("command", &first);
	json_string(p->comm);
	json_key("error", &first);
	if (p->error != 0) {
		char text[256];

		snprintf(text, sizeof text, "%s: %s", p->error_what, ka_procfd_needs(p->error));
		json_string(text);
	} else {
		printf(p->exited ? "\"exited during the scan\"" : "null");
	}
	json_key("listeners", &first);
	printf("%zu", c.listeners);
	json_key("connections", &first);
	printf("%zu", c.connections);
	json_key("without_keepalive", &first);
	printf("%zu", c.uncovered);
	json_key("queued", &first);
	printf("%zu", c.queued);
	json_key("changed", &first);
	printf("%zu", p->changed);
	json_key("sockets", &first);
	putchar('[');
	for (size_t i = 0; i < p->nsocks; i++) {
		if (i > 0)
			putchar(',');
		json_socket(&p->socks[i], req->cfg, req->action);
	}
	printf("]}");
}

void ka_report_json(const struct ka_procs_request *req, const struct ka_proc_report *procs,
		    size_t n, const struct ka_report_totals *t)
{
	static const char *const actions[] = { "show", "check", "apply" };
	char settings[256];
	bool first = true;

	for (size_t i = 0; i < n; i++)
		report_error(req, &procs[i]);
	ka_config_describe(req->cfg, settings, sizeof settings);
	printf("{\"action\":\"%s\",\"settings\":", actions[req->action]);
	json_string(settings);
	printf(",\"processes\":[");
	for (size_t i = 0; i < n; i++) {
		if (req->all && procs[i].error != 0)
			continue;
		if ((req->all && procs[i].nsocks == 0) || procs[i].left)
			continue;
		printf("%s\n", first ? "" : ",");
		first = false;
		json_process(req, &procs[i]);
	}
	printf("],\n\"unreachable\":%zu,\"status\":%d}\n", t->unreachable, t->status);
}
