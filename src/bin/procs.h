/* keepalive --pid: the TCP sockets of running processes, shown, checked
 * against the settings, or configured through copies of their descriptors
 * (pidfd_getfd), by the same policy as the library (ka_decide()).
 *
 * Also the entry point of --cgroup for the sockets that already exist in a
 * cgroup's processes. */
#ifndef KA_PROCS_H
#define KA_PROCS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "settings.h"

/* What --pid does to each process: show, check or apply. */
enum ka_procs_action { KA_PROCS_SHOW, KA_PROCS_CHECK, KA_PROCS_APPLY };

struct ka_procs_request {
	enum ka_procs_action action;
	bool json;                  /* one JSON document instead of text */
	const struct ka_config *cfg; /* ka_config_load() with the options applied */
	bool all;                   /* every process (--pid all): those that cannot be
				     * reached are counted in one line, those that exit
				     * are skipped, those without TCP sockets not shown */
	/* When set, asked of each process once its pidfd holds it: one it
	 * says no to is skipped as one that exited (--cgroup: a process that
	 * left the cgroup since the listing, or a pid reused meanwhile). */
	bool (*member)(pid_t pid, const void *arg);
	const void *member_arg;
};

/* Handles every listed process; prints the report on stdout; returns the exit status (0, 1). */
int ka_procs_run(const struct ka_procs_request *req, const pid_t *pids, size_t npids);

#endif
