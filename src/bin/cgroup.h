/* keepalive --cgroup PATH: every TCP connection of a cgroup v2 directory and
 * its descendants, configured in the kernel by BPF programs (sock_ops and
 * cgroup/setsockopt) that read settings from a pinned map, and the sockets
 * that already exist in its processes configured through --pid's code. */
#ifndef KA_CGROUP_H
#define KA_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "options.h"
#include "settings.h"

enum ka_cgroup_action {
	KA_CGROUP_SHOW,   /* what is attached, the settings, the processes' sockets */
	KA_CGROUP_CHECK,  /* ours attached with these settings, and the sockets */
	KA_CGROUP_APPLY,  /* attach, or update in place, then the existing sockets */
	KA_CGROUP_DETACH, /* nothing of ours attached or pinned afterwards */
};

struct ka_cgroup_request {
	enum ka_cgroup_action action;
	bool json;
	const struct ka_config *cfg;
	const char *path;  /* as given, for messages */
	int dirfd;         /* the cgroup's directory, checked to be cgroup v2 */
	unsigned long long id; /* the cgroup id (its inode number) */
};

/* keepalive --cgroup ...: checks the options and the directory, runs the
 * request; returns the exit status. */
int ka_cgroup_command(const struct ka_cmdline *cmd);

/* The BPF side (cgroup.c): built only with BPF support (HAVE_BPF). */
int ka_cgroup_run(const struct ka_cgroup_request *req);

/* The processes of the cgroup and of its descendants, from cgroup.procs;
 * *pids is malloc'ed. Returns false with errno set. */
bool ka_cgroup_pids(int dirfd, pid_t **pids, size_t *npids);

/* Runs --pid's show, check or apply over the cgroup's processes; returns
 * its exit status. */
int ka_cgroup_procs(const struct ka_cgroup_request *req);

#endif
