/* keepalive --cgroup PATH [--apply|--check|--detach] [--json] [OPTIONS]:
 * the options checked, the directory checked to be cgroup v2, and the
 * cgroup's processes for --pid's pass over the sockets that exist. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "cgroup.h"
#include "environment.h"
#include "mountinfo.h"
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

/* The cgroup's path in the hierarchy as /proc/PID/cgroup shows it ("/a/b"):
 * the root of the cgroup2 mount it was opened through (the last one on the
 * longest mount point that holds it), then its path below that mount
 * point. False when it cannot be told: no such mount, or one whose root is
 * above this process's cgroup namespace ("/../.."), from where the
 * kernel's paths cannot be compared as text. */
static bool hierarchy_path(int dirfd, char *buf, size_t len)
{
	char link[64], path[PATH_MAX], root[KA_MOUNTINFO_PATH], point[KA_MOUNTINFO_PATH];
	bool found = false, usable = false;
	size_t best = 0;
	ssize_t n;
	FILE *f;

	snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
	n = readlink(link, path, sizeof path - 1);
	if (n <= 0 || path[0] != '/')
		return false;
	path[n] = '\0';
	f = fopen("/proc/self/mountinfo", "re");
	if (f == NULL)
		return false;
	while (ka_mountinfo_next(f, "cgroup2", root, point)) {
		const char *rest;
		size_t plen;

		plen = strcmp(point, "/") == 0 ? 0 : strlen(point);
		if (strncmp(path, point, plen) != 0 || (path[plen] != '/' && path[plen] != '\0') ||
		    (found && plen < best))
			continue;
		found = true;
		best = plen;
		rest = path + plen;
		usable = strncmp(root, "/..", 3) != 0 &&
			 (size_t)snprintf(buf, len, "%s%s",
					  strcmp(root, "/") == 0 && *rest != '\0' ? "" : root,
					  rest) < len;
	}
	fclose(f);
	return found && usable;
}

/* Whether the process is in the cgroup whose hierarchy path is arg, or
 * below it. A process gone is not; one whose cgroup cannot be read is
 * taken, as without this check. */
static bool in_cgroup(pid_t pid, const void *arg)
{
	const char *path = arg;
	size_t len = strcmp(path, "/") == 0 ? 0 : strlen(path);
	char name[64], line[4096];
	bool member = true;
	FILE *f;

	snprintf(name, sizeof name, "/proc/%ld/cgroup", (long)pid);
	f = fopen(name, "re");
	if (f == NULL)
		return errno != ENOENT && errno != ESRCH;
	while (fgets(line, sizeof line, f) != NULL) {
		const char *own = line + 3;

		if (strncmp(line, "0::", 3) != 0)
			continue;
		line[strcspn(line, "\n")] = '\0';
		member = strncmp(own, path, len) == 0 && (own[len] == '/' || own[len] == '\0');
		break;
	}
	fclose(f);
	return member;
}

int ka_cgroup_procs(const struct ka_cgroup_request *req)
{
	static const enum ka_procs_action actions[] = {
		[KA_CGROUP_SHOW] = KA_PROCS_SHOW,
		[KA_CGROUP_CHECK] = KA_PROCS_CHECK,
		[KA_CGROUP_APPLY] = KA_PROCS_APPLY,
	};
	/* As --pid all: processes that exit meanwhile are skipped; so are
	 * those that left the cgroup between the listing and the pass (or
	 * whose pid another process took), when its path can be told. */
	struct ka_procs_request procs = { actions[req->action], req->json, req->cfg, true, NULL,
					  NULL };
	char path[PATH_MAX];
	pid_t *pids;
	size_t n;
	int status;

	if (hierarchy_path(req->dirfd, path, sizeof path)) {
		procs.member = in_cgroup;
		procs.member_arg = path;
	}

	if (!ka_cgroup_pids(req->dirfd, &pids, &n)) {
		fprintf(stderr, "keepalive: --cgroup %s: cannot read its processes: %s\n", req->path,
			strerror(errno));
		return 1;
	}
	status = ka_procs_run(&procs, pids, n);
	free(pids);
	return status;
}
