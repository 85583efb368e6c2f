/* keepalive --cgroup PATH [--apply|--check|--detach] [--json] [OPTIONS]:
 * the options checked, the directory checked to be cgroup v2, and the
 * cgroup's processes for --pid's pass over the sockets that exist. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cgroup.h"
#include "environment.h"
#include "options.h"
#include "procs.h"

static int usage(const char *message)
{
	fprintf(stderr, "keepalive: %s\nTry 'keepalive --help' for more information.\n", message);
	return KA_EXIT_FAILED;
}

/* Opens PATH and checks it is a cgroup v2 directory; -1 after one line. */
static int open_cgroup(const char *path, unsigned long long *id)
{
	struct statfs fs;
	struct stat st;
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "keepalive: --cgroup %s: %s\n", path,
			errno == ENOTDIR ? "not a directory" : strerror(errno));
		return -1;
	}
	if (fstatfs(fd, &fs) != 0 || fs.f_type != CGROUP2_SUPER_MAGIC || fstat(fd, &st) != 0) {
		fprintf(stderr, "keepalive: --cgroup %s: not a cgroup v2 directory (see the cgroup2 "
				"line of /proc/self/mountinfo)\n", path);
		close(fd);
		return -1;
	}
	*id = (unsigned long long)st.st_ino;
	return fd;
}

int ka_cgroup_command(const struct ka_cmdline *cmd)
{
	struct ka_cgroup_request req = { KA_CGROUP_SHOW, cmd->json, NULL, cmd->cgroup, -1, 0 };
	struct ka_config cfg;
	int status;

	if (cmd->apply + cmd->check + cmd->detach > 1)
		return usage("--apply, --check and --detach exclude each other");
	if (*cmd->command != NULL)
		return usage("--cgroup takes no command");
	if (cmd->show)
		return usage("--show prints the settings a command would get; "
			     "--cgroup PATH alone shows a cgroup's");
#ifndef HAVE_BPF
	fprintf(stderr, "keepalive: --cgroup %s: this keepalive was built without BPF support "
			"(configure found no clang, libbpf or bpftool)\n", cmd->cgroup);
	return KA_EXIT_FAILED;
#endif
	if (!ka_environment_apply(cmd)) {
		fprintf(stderr, "keepalive: cannot set the environment: %s\n", strerror(errno));
		return KA_EXIT_FAILED;
	}
	ka_environment_load(&cfg);
	if (!ka_environment_check(cmd, &cfg))
		return KA_EXIT_FAILED; /* a bad value: nothing is changed */
	req.cfg = &cfg;
	req.action = cmd->apply ? KA_CGROUP_APPLY
		     : cmd->check ? KA_CGROUP_CHECK
		     : cmd->detach ? KA_CGROUP_DETACH : KA_CGROUP_SHOW;
	req.dirfd = open_cgroup(cmd->cgroup, &req.id);
	if (req.dirfd < 0)
		return KA_EXIT_FAILED;
	status = ka_cgroup_run(&req);
	close(req.dirfd);
	return status;
}

static bool add_pid(pid_t **pids, size_t *n, size_t *cap, long pid)
{
	if (*n == *cap) {
		size_t more = *cap ? *cap * 2 : 64;
		pid_t *p = realloc(*pids, more * sizeof *p);

		if (p == NULL)
			return false;
		*pids = p;
		*cap = more;
	}
	(*pids)[(*n)++] = (pid_t)pid;
	return true;
}

/* Reads dirfd's cgroup.procs, then its subdirectories'. A cgroup removed
 * meanwhile (ENOENT) has no processes. Closes dirfd. */
static bool walk(int dirfd, pid_t **pids, size_t *n, size_t *cap)
{
	int fd = openat(dirfd, "cgroup.procs", O_RDONLY | O_CLOEXEC);
	DIR *dir;
	struct dirent *e;
	bool ok = true;
	long pid;

	if (fd >= 0) {
		FILE *f = fdopen(fd, "r");

		if (f == NULL) {
			close(fd);
			close(dirfd);
			return false;
		}
		/* Not this process (systemd's ExecStartPost= runs in the cgroup). */
		while (ok && fscanf(f, "%ld", &pid) == 1)
			ok = pid == (long)getpid() || add_pid(pids, n, cap, pid);
		fclose(f);
	} else if (errno != ENOENT) {
		close(dirfd);
		return false;
	}
	dir = fdopendir(dirfd);
	if (dir == NULL) {
		close(dirfd);
		return false;
	}
	while (ok && (e = readdir(dir)) != NULL) {
		int sub;

		if (e->d_type != DT_DIR || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0)
			continue;
		sub = openat(dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (sub >= 0)
			ok = walk(sub, pids, n, cap);
		else if (errno != ENOENT)
			ok = false;
	}
	closedir(dir);
	return ok;
}

bool ka_cgroup_pids(int dirfd, pid_t **pids, size_t *npids)
{
	size_t cap = 0;
	int fd = dup(dirfd);

	*pids = NULL;
	*npids = 0;
	if (fd < 0)
		return false;
	if (walk(fd, pids, npids, &cap))
		return true;
	free(*pids);
	*pids = NULL;
	return false;
}

int ka_cgroup_procs(const struct ka_cgroup_request *req)
{
	static const enum ka_procs_action actions[] = {
		[KA_CGROUP_SHOW] = KA_PROCS_SHOW,
		[KA_CGROUP_CHECK] = KA_PROCS_CHECK,
		[KA_CGROUP_APPLY] = KA_PROCS_APPLY,
	};
	/* As --pid all: processes that exit or leave meanwhile are skipped. */
	struct ka_procs_request procs = { actions[req->action], req->json, req->cfg, true };
	pid_t *pids;
	size_t n;
	int status;

	if (!ka_cgroup_pids(req->dirfd, &pids, &n)) {
		fprintf(stderr, "keepalive: --cgroup %s: cannot read its processes: %s\n", req->path,
			strerror(errno));
		return 1;
	}
	status = ka_procs_run(&procs, pids, n);
	free(pids);
	return status;
}
