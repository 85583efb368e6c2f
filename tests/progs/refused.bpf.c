// SPDX-License-Identifier: GPL-2.0
/* A sock_ops program that every verifier refuses, for a real reason: the
 * value a map lookup returns is read without checking it against NULL (the
 * lookup fails for a key the map does not hold), the mistake most easily
 * made in a program like src/bpf/keepalive.bpf.c. The verifier says "R0
 * invalid mem access 'map_value_or_null'" (5.x and 6.x alike). Loaded by
 * tests/progs/karefused.c, never attached. */
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} ka_refused SEC(".maps");

SEC("sockops")
int ka_refused_sockops(struct bpf_sock_ops *skops)
{
	__u32 key = skops->op;
	__u32 *value = bpf_map_lookup_elem(&ka_refused, &key);

	return *value; /* no check for NULL: what the verifier refuses */
}
