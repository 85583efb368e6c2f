/* keepalive --cgroup PATH [--check] [--json]: the programs attached to the
 * cgroup (ours and others'), the settings ours read, and the sockets of its
 * processes as --pid shows or checks them. */
#include <config.h>

#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bpfsettings.h"
#include "cgroupbpf.h"
#include "mountinfo.h"
#include "sockopts.h"

bool ka_bpffs_mount(char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char root[KA_MOUNTINFO_PATH], point[KA_MOUNTINFO_PATH];
	bool found = false;

	if (f == NULL)
		return false;
	while (!found && ka_mountinfo_next(f, "bpf", root, point))
		found = (size_t)snprintf(buf, len, "%s", point) < len;
	fclose(f);
	return found;
}

struct hook {
	enum bpf_attach_type type;
	const char *name; /* for the report */
	const char *link; /* our link's pinned name */
};

static const struct hook hooks[] = {
	{ BPF_CGROUP_SOCK_OPS, "sock_ops", "sockops" },
	{ BPF_CGROUP_SETSOCKOPT, "setsockopt", "setsockopt" },
};
#define NHOOKS 2
#define MAX_PROGS 64

/* The id of the program our pinned link holds, 0 when none. */
static __u32 our_program(const char *dir, const char *name)
{
	struct bpf_link_info info;
	__u32 len = sizeof info;
	char path[512];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = bpf_obj_get(path);
	if (fd < 0)
		return 0;
	memset(&info, 0, sizeof info);
	if (bpf_obj_get_info_by_fd(fd, &info, &len) != 0)
		info.prog_id = 0;
	close(fd);
	return info.prog_id;
}

static void program_name(__u32 id, char *buf, size_t len)
{
	struct bpf_prog_info info;
	__u32 n = sizeof info;
	int fd = bpf_prog_get_fd_by_id(id);

	memset(&info, 0, sizeof info);
	snprintf(buf, len, "?");
	if (fd >= 0 && bpf_obj_get_info_by_fd(fd, &info, &n) == 0)
		snprintf(buf, len, "%s", info.name[0] ? info.name : "(unnamed)");
	if (fd >= 0)
		close(fd);
}

static bool read_settings(const char *dir, struct ka_bpf_settings *s)
{
	char path[512];
	__u32 zero = 0, index = 0;
	int settings_fd, current_fd;
	bool ok;

	snprintf(path, sizeof path, "%s/ka_settings", dir);
	settings_fd = bpf_obj_get(path);
	snprintf(path, sizeof path, "%s/ka_current", dir);
	current_fd = bpf_obj_get(path);
	ok = settings_fd >= 0 && current_fd >= 0 &&
	     bpf_map_lookup_elem(current_fd, &zero, &index) == 0 &&
	     (index &= 1, bpf_map_lookup_elem(settings_fd, &index, s) == 0);
	if (settings_fd >= 0)
		close(settings_fd);
	if (current_fd >= 0)
		close(current_fd);
	return ok;
}

static void json_string(const char *text)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

/* The settings on one line, or as JSON members, named as ka_sockopts[]. */
static void print_settings(const struct ka_bpf_settings *s, bool json)
{
	static const char *const roles[] = { "all", "client", "server" };

	printf(json ? "{\"enabled\":%s,\"mode\":\"%s\",\"role\":\"%s\",\"ports\":\""
		    : "enabled=%s mode=%s role=%s ports=",
	       s->enabled ? (json ? "true" : "on") : (json ? "false" : "off"),
	       s->force ? "force" : "respect", roles[s->role < 3 ? s->role : 0]);
	if (s->nports == 0)
		printf("%s", json ? "" : "every");
	for (__u32 i = 0; i < s->nports && i < KA_BPF_PORT_RANGES; i++) {
		printf("%s%u", i > 0 ? "," : "", s->ports[i].lo);
		if (s->ports[i].hi != s->ports[i].lo)
			printf("-%u", s->ports[i].hi);
	}
	printf(json ? "\"" : "");
	for (int i = 0; i < KA_BPF_OPTIONS; i++) {
		const char *unit = ka_sockopts[i].setting == KA_USER_TIMEOUT ? "ms"
				   : ka_sockopts[i].setting == KA_CNT ? "" : "s";

		if (ka_sockopts[i].bit == KA_OPT_KEEPALIVE)
			continue;
		if (!(s->set & s->opt[i].bit))
			printf(json ? ",\"%s\":null" : " %s=kernel's", ka_sockopts[i].key);
		else
			printf(json ? ",\"%s\":%d" : " %s=%d%s", ka_sockopts[i].key, s->opt[i].value,
			       json ? "" : unit);
	}
	printf(json ? "}" : "\n");
}

/* Prints the programs attached for each hook; true when ours is attached
 * on every hook. */
static bool print_programs(const struct ka_cgroup_request *req, const char *dir)
{
	bool ours_everywhere = true, first = true;

	for (int h = 0; h < NHOOKS; h++) {
		__u32 ids[MAX_PROGS], count = MAX_PROGS, flags = 0;
		__u32 ours = our_program(dir, hooks[h].link);
		bool found = false;

		int error = 0;

		if (bpf_prog_query(req->dirfd, hooks[h].type, 0, &flags, ids, &count) != 0) {
			error = errno;
			count = 0;
		}
		if (!req->json)
			printf("%s:%*s", hooks[h].name, (int)(13 - strlen(hooks[h].name)), "");
		if (error != 0) {
			if (!req->json)
				printf("cannot be seen: %s%s\n", strerror(error),
				       error == EPERM ? " (needs root)" : "");
			ours_everywhere = false;
			continue;
		}
		for (__u32 i = 0; i < count; i++) {
			char name[64];

			program_name(ids[i], name, sizeof name);
			found |= ours != 0 && ids[i] == ours;
			if (req->json) {
				printf("%s{\"hook\":\"%s\",\"id\":%u,\"name\":", first ? "" : ",",
				       hooks[h].name, ids[i]);
				json_string(name);
				printf(",\"ours\":%s}", ours != 0 && ids[i] == ours ? "true" : "false");
				first = false;
			} else {
				printf("%s%s (id %u%s)", i > 0 ? ", " : "", name, ids[i],
				       ours != 0 && ids[i] == ours ? ", ours" : "");
			}
		}
		if (!req->json)
			printf("%s\n", count == 0 ? "nothing attached" : found ? "" : "; none of ours");
		ours_everywhere &= found;
	}
	return ours_everywhere;
}

int ka_cgroup_report(const struct ka_cgroup_request *req, const char *dir)
{
	struct ka_bpf_settings have, want;
	bool attached, same, has_settings;
	int status = 0;

	if (req->json) {
		printf("{\"cgroup\":");
		json_string(req->path);
		printf(",\"id\":%llu,\"programs\":[", req->id);
	} else {
		printf("%-14s%s (id %llu)\n", "cgroup:", req->path, req->id);
	}
	attached = print_programs(req, dir);
	has_settings = read_settings(dir, &have);
	ka_bpf_settings_fill(&want, req->cfg, 0);
	have.exempt_tgid = 0;
	same = has_settings && memcmp(&have, &want, sizeof have) == 0;
	if (req->json) {
		printf("],\"settings\":");
		if (has_settings)
			print_settings(&have, true);
		else
			printf("null");
		if (req->action == KA_CGROUP_CHECK)
			printf(",\"attached\":%s,\"same_settings\":%s", attached ? "true" : "false",
			       same ? "true" : "false");
		printf(",\"processes\":");
		fflush(stdout);
	} else {
		printf("%-14s", "settings:");
		if (has_settings)
			print_settings(&have, false);
		else
			printf("none of ours\n");
	}
	if (req->action == KA_CGROUP_CHECK && !(attached && same)) {
		if (!req->json)
			printf("check:        %s\n", !attached ? "ours is not attached"
						   : "attached with other settings than these");
		status = 1;
	} else if (req->action == KA_CGROUP_CHECK && !req->json) {
		printf("check:        ours is attached with these settings\n");
	}
	fflush(stdout);
	if (ka_cgroup_procs(req) != 0)
		status = 1;
	if (req->json)
		printf("}\n");
	return fflush(stdout) == 0 ? status : KA_EXIT_FAILED;
}
