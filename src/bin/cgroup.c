/* keepalive --cgroup with BPF: the programs of src/bpf/keepalive.bpf.c
 * loaded through their generated skeleton, attached to the cgroup by bpf
 * links, and everything pinned under <bpffs>/keepalive/<cgroup id>/:
 *
 *   ka_settings  the settings, twice (bpfsettings.h)
 *   ka_current   which of the two the programs read
 *   ka_notes     what the programs note of each socket
 *   sockops      the link of the sock_ops program
 *   setsockopt   the link of the cgroup/setsockopt program
 *
 * --apply writes the settings the programs do not read, then flips
 * ka_current: a running program sees the old settings or the new, whole.
 * Links are attached only where none is pinned (never two of ours), after
 * the settings are written, and pinned at once: a command killed before
 * pinning closes the link and detaches it. Links coexist with the programs
 * others attached (multi-attachment), which stay as they are. */
#include <config.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bpflog.h"
#include "bpfsettings.h"
#include "cgroup.h"
#include "cgroupbpf.h"
#include "keepalive.skel.h"

static const char *const pinned_maps[] = { "ka_settings", "ka_current", "ka_notes" };
static const char *const pinned_links[] = { "sockops", "setsockopt" };

/* dir/name into buf, which is large enough for any pin directory's. */
static void path_of(char *buf, size_t len, const char *dir, const char *name)
{
	if ((size_t)snprintf(buf, len, "%s/%s", dir, name) >= len)
		buf[0] = '\0';
}

static int fail_errno(const struct ka_cgroup_request *req, const char *what, int error)
{
	if (error == EPERM || error == EACCES)
		fprintf(stderr, "keepalive: --cgroup %s: %s: no permission (BPF needs root, or "
				"CAP_BPF with CAP_NET_ADMIN): %s\n", req->path, what, strerror(error));
	else
		fprintf(stderr, "keepalive: --cgroup %s: %s: %s\n", req->path, what, strerror(error));
	return KA_EXIT_FAILED;
}

/* Writes the settings the programs do not read, then makes them current. */
static int publish(int settings_fd, int current_fd, const struct ka_bpf_settings *s)
{
	__u32 zero = 0, index = 0, next;

	if (bpf_map_lookup_elem(current_fd, &zero, &index) != 0)
		return -errno;
	next = (index & 1) ^ 1;
	if (bpf_map_update_elem(settings_fd, &next, s, BPF_ANY) != 0 ||
	    bpf_map_update_elem(current_fd, &zero, &next, BPF_ANY) != 0)
		return -errno;
	return 0;
}

static int publish_pinned(const char *dir, const struct ka_bpf_settings *s)
{
	char path[512];
	int settings_fd, current_fd, error;

	path_of(path, sizeof path, dir, "ka_settings");
	settings_fd = bpf_obj_get(path);
	path_of(path, sizeof path, dir, "ka_current");
	current_fd = bpf_obj_get(path);
	error = settings_fd < 0 || current_fd < 0 ? -errno : publish(settings_fd, current_fd, s);
	if (settings_fd >= 0)
		close(settings_fd);
	if (current_fd >= 0)
		close(current_fd);
	return error;
}

/* Loads the programs, reusing the maps pinned in dir (or pinning new ones),
 * publishes the settings, and attaches a link for each program that has
 * none pinned. */
static int attach(const struct ka_cgroup_request *req, const char *dir,
		  const struct ka_bpf_settings *s)
{
	struct bpf_program *progs[2];
	struct keepalive_bpf *skel;
	struct bpf_map *maps[3];
	char path[512];
	int error = 0;

	skel = keepalive_bpf__open();
	if (skel == NULL)
		return fail_errno(req, "cannot open the BPF programs", errno);
	maps[0] = skel->maps.ka_settings;
	maps[1] = skel->maps.ka_current;
	maps[2] = skel->maps.ka_notes;
	progs[0] = skel->progs.ka_sockops;
	progs[1] = skel->progs.ka_setsockopt;
	for (int i = 0; i < 3; i++) {
		path_of(path, sizeof path, dir, pinned_maps[i]);
		bpf_map__set_pin_path(maps[i], path);
	}
	if (keepalive_bpf__load(skel) != 0) {
		const char *point;

		error = errno;
		point = ka_bpflog_refusal(error);
		if (point == NULL)
			fail_errno(req, "cannot load the BPF programs", error);
		else
			fprintf(stderr, "keepalive: --cgroup %s: the BPF programs cannot be loaded: %s\n",
				req->path, point);
		keepalive_bpf__destroy(skel);
		return KA_EXIT_FAILED;
	}
	error = -publish(bpf_map__fd(maps[0]), bpf_map__fd(maps[1]), s);
	for (int i = 0; i < 2 && error == 0; i++) {
		struct bpf_link *link;
		int fd;

		path_of(path, sizeof path, dir, pinned_links[i]);
		fd = bpf_obj_get(path);
		if (fd >= 0) {
			close(fd);
			continue;
		}
		link = bpf_program__attach_cgroup(progs[i], req->dirfd);
		if (link == NULL) {
			error = errno;
			break;
		}
		if (bpf_link__pin(link, path) != 0)
			error = errno;
		bpf_link__destroy(link); /* pinned, it stays attached */
	}
	keepalive_bpf__destroy(skel);
	if (error != 0)
		return fail_errno(req, "cannot attach the BPF programs", error);
	return 0;
}

#define KA_BPFFS_DEFAULT "/sys/fs/bpf"

/* <bpffs>/keepalive/<id>, made when make is true. Without a BPF file
 * system, --apply mounts one where systemd and bpftool would. */
static bool pin_dir(const struct ka_cgroup_request *req, char *dir, size_t len, bool make,
		    int *error)
{
	char base[384];

	if (!ka_bpffs_mount(base, sizeof base) &&
	    (!make || mount("bpf", KA_BPFFS_DEFAULT, "bpf", 0, "mode=0700") != 0 ||
	     !ka_bpffs_mount(base, sizeof base))) {
		*error = make ? errno : ENOENT;
		if (make)
			fail_errno(req, "cannot mount the BPF file system on " KA_BPFFS_DEFAULT,
				   errno);
		return false;
	}
	snprintf(dir, len, "%s/keepalive", base);
	if (make && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		*error = errno;
		fail_errno(req, "cannot make a directory in the BPF file system", errno);
		return false;
	}
	snprintf(dir, len, "%s/keepalive/%llu", base, req->id);
	if (make && mkdir(dir, 0700) != 0 && errno != EEXIST) {
		*error = errno;
		fail_errno(req, "cannot make a directory in the BPF file system", errno);
		return false;
	}
	return true;
}

static int apply(const struct ka_cgroup_request *req, const char *dir)
{
	struct ka_bpf_settings s;
	int status, error;

	/* Our own pass over the existing sockets is exempt from the
	 * setsockopt program while it runs, then the exemption is lifted. */
	ka_bpf_settings_fill(&s, req->cfg, (__u32)getpid());
	status = attach(req, dir, &s);
	if (status != 0)
		return status;
	if (!req->json)
		printf("keepalive: attached to %s (cgroup id %llu)\n", req->path, req->id);
	status = ka_cgroup_procs(req);
	ka_bpf_settings_fill(&s, req->cfg, 0);
	error = -publish_pinned(dir, &s);
	if (error != 0)
		return fail_errno(req, "cannot update the settings", error);
	return status;
}

static int detach(const struct ka_cgroup_request *req, const char *dir)
{
	char path[512];
	int error = 0, found = 0;

	for (int i = 0; i < 2; i++) {
		int fd;

		path_of(path, sizeof path, dir, pinned_links[i]);
		fd = bpf_obj_get(path);
		if (fd < 0) {
			if (errno != ENOENT)
				error = errno;
			continue;
		}
		found++;
		if (bpf_link_detach(fd) != 0 && errno != ENOLINK && errno != EINVAL)
			error = errno;
		close(fd);
		if (unlink(path) != 0)
			error = errno;
	}
	for (int i = 0; i < 3; i++) {
		path_of(path, sizeof path, dir, pinned_maps[i]);
		if (unlink(path) == 0)
			found++;
		else if (errno != ENOENT)
			error = errno;
	}
	if (rmdir(dir) != 0 && errno != ENOENT)
		error = errno;
	if (error != 0)
		return fail_errno(req, "cannot detach", error);
	*strrchr(path, '/') = '\0';
	*strrchr(path, '/') = '\0';
	(void)rmdir(path); /* <bpffs>/keepalive, when it holds no other cgroup's */
	printf("keepalive: %s (cgroup id %llu): %s\n", req->path, req->id,
	       found ? "detached" : "nothing of ours was attached");
	return 0;
}

int ka_cgroup_run(const struct ka_cgroup_request *req)
{
	char dir[512];
	int error = 0;

	ka_bpflog_start(req->cfg->debug);
	if (!pin_dir(req, dir, sizeof dir, req->action == KA_CGROUP_APPLY, &error)) {
		if (req->action == KA_CGROUP_APPLY)
			return KA_EXIT_FAILED;
		dir[0] = '\0'; /* nothing pinned anywhere: nothing of ours */
	}
	switch (req->action) {
	case KA_CGROUP_APPLY:
		return apply(req, dir);
	case KA_CGROUP_DETACH:
		return detach(req, dir);
	default:
		return ka_cgroup_report(req, dir);
	}
}
