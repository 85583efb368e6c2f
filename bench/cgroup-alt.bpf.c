// SPDX-License-Identifier: GPL-2.0
/* The alternatives bench/cgroup.sh measures keepalive --cgroup's sock_ops
 * program against: a sock_ops program that does nothing (the cost of the
 * hook's callbacks alone), one that also asks for every optional callback,
 * and a cgroup/connect4 program that sets the five options once per connect
 * (clients only: nothing runs for an accepted connection). */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

SEC("sockops")
int bench_empty(struct bpf_sock_ops *skops)
{
	(void)skops;
	return 1;
}

SEC("sockops")
int bench_allcb(struct bpf_sock_ops *skops)
{
	if (skops->op == BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB ||
	    skops->op == BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB)
		bpf_sock_ops_cb_flags_set(skops, BPF_SOCK_OPS_ALL_CB_FLAGS);
	return 1;
}

SEC("cgroup/connect4")
int bench_connect4(struct bpf_sock_addr *ctx)
{
	int values[5][3] = { { 6, 4, 60 }, { 6, 5, 10 }, { 6, 6, 6 }, { 6, 18, 120000 }, { 1, 9, 1 } };

	for (int i = 0; i < 5; i++)
		bpf_setsockopt(ctx, values[i][0], values[i][1], &values[i][2], sizeof(int));
	return 1;
}
