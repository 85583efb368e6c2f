/* What keepalive --pid found and did in each process, and printing it as
 * text or as one JSON document (the names are documented in keepalive(1)). */
#ifndef KA_REPORT_H
#define KA_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "decide.h"
#include "procs.h"
#include "sockdiag.h"
#include "sockopts.h"

enum ka_result {
	KA_RESULT_SHOWN,      /* show and check: read only */
	KA_RESULT_CONFIGURED, /* the options in .set were set */
	KA_RESULT_LEFT,       /* left alone, for .reason */
	KA_RESULT_FAILED,     /* the kernel refused some (.refused) */
};

struct ka_sock_report {
	int fd;
	unsigned long inode;
	int family;           /* AF_INET, AF_INET6 */
	int state;            /* TCP_ESTABLISHED, TCP_LISTEN... (tcp_info) */
	enum ka_side side;
	int local_port, peer_port;
	char local[64], peer[64]; /* "127.0.0.1:80", "[::1]:80"; "" when none */
	int values[KA_SOCKOPT_COUNT]; /* as read, in table order */
	enum ka_keepalive keepalive;
	unsigned own;         /* options the program set itself (enum ka_option), as
			       * told by values other than the defaults (procs.c) */
	unsigned queued;      /* a listener's accept queue */
	bool has_diag;
	struct ka_diag_entry diag;
	/* --apply */
	enum ka_result result;
	enum ka_reason reason;
	bool unconnected;     /* left: neither connected nor listening, and a scope
			       * filter needs its role and port */
	unsigned set, refused, kept; /* enum ka_option; kept: the program's own */
	bool ut_pending;      /* TCP_USER_TIMEOUT waits until the peer is heard from */
	bool ut_unheard;      /* ... and it was not, within the detection time */
	long long phase1_ms;  /* when the rest was set (CLOCK_MONOTONIC) */
	long long next_ms;    /* when to look again */
};

struct ka_proc_report {
	pid_t pid;
	char comm[32];
	int error;            /* errno of what made it unreachable; 0: reached */
	const char *error_what; /* "cannot list its descriptors"... */
	bool exited;          /* during the scan */
	bool left;            /* not a member any more (req->member): not read */
	int pidfd;            /* kept for --apply's later user timeouts; -1 */
	struct ka_sock_report *socks;
	size_t nsocks;
	size_t changed;       /* descriptors closed or replaced during the scan */
	size_t copy_failed;
};

/* The counts of a process's summary line. */
struct ka_proc_counts {
	size_t listeners, connections, uncovered, queued;
};

void ka_report_count(const struct ka_proc_report *p, const struct ka_config *cfg,
		     struct ka_proc_counts *c);
/* Whether --check counts the socket as lacking keepalive: a listener or a
 * connection in the scope of KEEPALIVE_ROLE and KEEPALIVE_PORTS, off. */
bool ka_report_uncovered(const struct ka_sock_report *s, const struct ka_config *cfg);

struct ka_report_totals {
	size_t unreachable;    /* --pid all: processes skipped */
	int unreachable_error; /* the errno of the first one */
	int status;
};

void ka_report_text(const struct ka_procs_request *req, const struct ka_proc_report *procs,
		    size_t n, const struct ka_report_totals *t);
void ka_report_json(const struct ka_procs_request *req, const struct ka_proc_report *procs,
		    size_t n, const struct ka_report_totals *t);

#endif
