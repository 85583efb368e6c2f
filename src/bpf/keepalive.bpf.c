// SPDX-License-Identifier: GPL-2.0
/* The kernel side of keepalive --cgroup: two programs attached to a cgroup v2
 * directory, and the maps the command fills.
 *
 * sock_ops: when a connection of the cgroup is established (it connected, or
 * a listener of the cgroup accepted it), sets the five options as
 * bpfrule.h decides. The ESTABLISHED callbacks run whatever the callback
 * flags say, and no other callback is asked for (bpf_sock_ops_cb_flags_set
 * is never called): every other one returns at the first comparison.
 *
 * cgroup/setsockopt: sees each setsockopt() of the cgroup's sockets, raw
 * system calls included. Respect mode: notes which of the five options the
 * program set itself, so that establishment leaves them. Force mode: makes a
 * call that would change ours on a connection we configured succeed without
 * effect. Everything else goes to the kernel untouched. */
#include <linux/bpf.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>

#include "bpfrule.h"

#define KA_SOL_SOCKET 1
#define KA_SO_KEEPALIVE 9
#define KA_IPPROTO_TCP 6
#define KA_IPPROTO_MPTCP 262
#define KA_PAGE_SIZE 4096

char LICENSE[] SEC("license") = "GPL";

/* The settings, twice, and which of the two is in use (bpfsettings.h). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, KA_BPF_BUFFERS);
	__type(key, __u32);
	__type(value, struct ka_bpf_settings);
} ka_settings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ka_current SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_SK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC | BPF_F_CLONE);
	__type(key, int);
	__type(value, struct ka_bpf_note);
} ka_notes SEC(".maps");

static const struct ka_bpf_settings *current_settings(void)
{
	__u32 zero = 0, *index = bpf_map_lookup_elem(&ka_current, &zero);
	__u32 which;

	if (index == 0)
		return 0;
	which = *index & 1;
	return bpf_map_lookup_elem(&ka_settings, &which);
}

SEC("sockops")
int ka_sockops(struct bpf_sock_ops *skops)
{
	const struct ka_bpf_settings *s;
	struct ka_bpf_note *note = 0;
	struct bpf_sock *sk;
	int side, on = 0;
	__u32 port, set;

	if (skops->op == BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB) {
		side = KA_BPF_CLIENT;
		port = bpf_ntohl(skops->remote_port);
	} else if (skops->op == BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB) {
		side = KA_BPF_ACCEPTED;
		port = skops->local_port;
	} else {
		return 1;
	}
	s = current_settings();
	sk = skops->sk;
	if (s == 0 || !s->enabled || sk == 0)
		return 1;
	note = bpf_sk_storage_get(&ka_notes, sk, 0, 0);
	if (!s->force &&
	    bpf_getsockopt(skops, KA_SOL_SOCKET, KA_SO_KEEPALIVE, &on, sizeof on) != 0)
		return 1;
	set = ka_bpf_established(s, side, port, on, note ? note->program_options : 0);
	for (int i = 0; i < KA_BPF_OPTIONS; i++) {
		int value = s->opt[i].value;

		if (set & s->opt[i].bit)
			bpf_setsockopt(skops, s->opt[i].level, s->opt[i].name, &value, sizeof value);
	}
	if (set != 0 && s->force) {
		note = bpf_sk_storage_get(&ka_notes, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
		if (note)
			note->managed = 1;
	}
	return 1;
}

SEC("cgroup/setsockopt")
int ka_setsockopt(struct bpf_sockopt *ctx)
{
	const struct ka_bpf_settings *s = current_settings();
	struct bpf_sock *sk = ctx->sk;
	struct ka_bpf_note *note;
	int tcp, index, has_value, verdict;
	__s32 given = 0;
	void *optval = ctx->optval, *end = ctx->optval_end;

	if (s == 0 || sk == 0)
		goto pass;
	index = ka_bpf_option_index(s, ctx->level, ctx->optname);
	if (index < 0)
		goto pass;
	tcp = sk->type == 1 /* SOCK_STREAM */ &&
	      (sk->protocol == KA_IPPROTO_TCP || sk->protocol == KA_IPPROTO_MPTCP);
	has_value = ctx->optlen >= (int)sizeof given && optval + sizeof given <= end;
	if (has_value)
		given = *(__s32 *)optval;
	note = bpf_sk_storage_get(&ka_notes, sk, 0, 0);
	verdict = ka_bpf_setsockopt(s, tcp, (__u32)(bpf_get_current_pid_tgid() >> 32), index,
				    has_value, given, note ? note->managed : 0);
	if (verdict == KA_BPF_DROP) {
		ctx->optlen = -1;
		return 1;
	}
	if (verdict == KA_BPF_NOTE) {
		note = bpf_sk_storage_get(&ka_notes, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
		if (note && (__u32)index < KA_BPF_OPTIONS)
			note->program_options |= s->opt[index].bit;
	}
pass:
	/* Larger than a page: the kernel uses the program's own buffer. */
	if (ctx->optlen > KA_PAGE_SIZE)
		ctx->optlen = 0;
	return 1;
}
