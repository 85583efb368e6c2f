/* keepalive --cgroup with BPF: shared by the attaching (cgroup.c) and the
 * report of what is attached (cgroupshow.c). */
#ifndef KA_CGROUPBPF_H
#define KA_CGROUPBPF_H

#include <stdbool.h>
#include <stddef.h>

#include "cgroup.h"

/* The mount point of the BPF file system, from /proc/self/mountinfo. */
bool ka_bpffs_mount(char *buf, size_t len);

/* --cgroup PATH [--check] [--json]: what is attached to the cgroup, our
 * settings pinned in dir, then --pid's show or check over its processes. */
int ka_cgroup_report(const struct ka_cgroup_request *req, const char *dir);

#endif
