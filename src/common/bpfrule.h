/* The kernel-side rule of keepalive --cgroup: static inline functions of the
 * settings (bpfsettings.h) and of what a BPF program knows of a socket. The
 * BPF programs (src/bpf/keepalive.bpf.c) call them; so does a unit test
 * compiled by gcc (tests/unit/check_bpfrule.c), which checks that they agree
 * with ka_decide() over every combination of settings and facts.
 *
 * What the sock_ops program knows of a connection, once established: which
 * end it is (it connected, or a listener accepted it), the port (remote for
 * a client, local for an accepted one), whether SO_KEEPALIVE is on (read
 * with bpf_getsockopt, so respect mode can leave it), and which of the five
 * options the program set itself before, as noted by the setsockopt program
 * (an accepted connection inherits its listener's options and its note).
 * In ka_decide()'s terms, such a socket is one not seen created (made_here
 * is false): a program's own keepalive on is its own choice. */
#ifndef KA_BPFRULE_H
#define KA_BPFRULE_H

#include "bpfsettings.h"

static inline int ka_bpf_port_in_scope(const struct ka_bpf_settings *s, __u32 port)
{
	if (s->nports == 0)
		return 1;
	for (__u32 i = 0; i < KA_BPF_PORT_RANGES; i++) {
		if (i >= s->nports)
			break;
		if (port >= s->ports[i].lo && port <= s->ports[i].hi)
			return 1;
	}
	return 0;
}

/* The options to set on a connection just established; 0: leave it alone. */
static inline __u32 ka_bpf_established(const struct ka_bpf_settings *s, int side, __u32 port,
				       int keepalive_on, __u32 program_options)
{
	if (!s->enabled)
		return 0;
	if ((s->role == KA_BPF_ROLE_CLIENT && side != KA_BPF_CLIENT) ||
	    (s->role == KA_BPF_ROLE_SERVER && side != KA_BPF_ACCEPTED))
		return 0;
	if (!ka_bpf_port_in_scope(s, port))
		return 0;
	if (s->force)
		return s->set;
	/* Respect mode: keepalive on is someone's choice; the options the
	 * program set itself are kept (its SO_KEEPALIVE off among them: the
	 * timers and the user timeout are set, keepalive stays off). */
	if (keepalive_on)
		return 0;
	return s->set & ~program_options;
}

/* What the setsockopt program does with a program's setsockopt() call. */
#define KA_BPF_PASS 0 /* nothing: the call goes to the kernel as it is */
#define KA_BPF_NOTE 1 /* note that the program set this option (respect mode) */
#define KA_BPF_DROP 2 /* succeed without effect (force mode: ctx->optlen = -1) */

/* The row of level/name in s->opt[], or -1 when it is not one of ours. */
static inline int ka_bpf_option_index(const struct ka_bpf_settings *s, int level, int name)
{
	for (int i = 0; i < KA_BPF_OPTIONS; i++)
		if (s->opt[i].level == level && s->opt[i].name == name && (s->set & s->opt[i].bit))
			return i;
	return -1;
}

/* As the library's setsockopt() in force mode: a call that would change one
 * of ours on a socket we configured is dropped; a value that agrees with
 * ours, or that the kernel refuses (the program gets its EINVAL), passes.
 * tcp: the socket is TCP (or MPTCP); has_value: optval holds an int. */
static inline int ka_bpf_setsockopt(const struct ka_bpf_settings *s, int tcp, __u32 tgid,
				    int index, int has_value, __s32 given, int managed)
{
	const struct ka_bpf_option *o;

	if (!s->enabled || !tcp || index < 0 || index >= KA_BPF_OPTIONS ||
	    (s->exempt_tgid != 0 && tgid == s->exempt_tgid))
		return KA_BPF_PASS;
	if (!s->force)
		return KA_BPF_NOTE;
	o = &s->opt[index];
	if (!has_value || !managed)
		return KA_BPF_PASS;
	if (o->bit == KA_BPF_BIT_KEEPALIVE ? given != 0 : given == o->value)
		return KA_BPF_PASS;
	if (given < o->min || given > o->max)
		return KA_BPF_PASS;
	return KA_BPF_DROP;
}

#endif
