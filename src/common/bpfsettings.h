/* The settings the BPF programs of keepalive --cgroup read, and the rule they
 * apply: one header shared by the kernel side (src/bpf/keepalive.bpf.c,
 * compiled by clang -target bpf), the command that fills the settings, and
 * the unit test that checks the rule agrees with ka_decide().
 *
 * The settings are filled from a struct ka_config by one pure function,
 * ka_bpf_settings_fill() (bpfsettings.c): the values, their kernel ranges and
 * the level and name of each option come from ka_sockopts[], the options to
 * set from ka_sockopts_wanted(), so that the BPF side holds no constant of
 * its own. Only fixed-width types: the layout is the same on both sides. */
#ifndef KA_BPFSETTINGS_H
#define KA_BPFSETTINGS_H

#include <linux/types.h>

#define KA_BPF_OPTIONS 5      /* KA_SOCKOPT_COUNT */
#define KA_BPF_PORT_RANGES 32 /* KA_MAX_PORT_RANGES */
#define KA_BPF_BIT_KEEPALIVE (1u << 4) /* KA_OPT_KEEPALIVE */

/* KEEPALIVE_ROLE, as enum ka_role. */
#define KA_BPF_ROLE_ALL 0
#define KA_BPF_ROLE_CLIENT 1
#define KA_BPF_ROLE_SERVER 2

/* Which end of a connection the sock_ops program sees established. */
#define KA_BPF_CLIENT 0   /* BPF_SOCK_OPS_ACTIVE_ESTABLISHED_CB: it connected */
#define KA_BPF_ACCEPTED 1 /* BPF_SOCK_OPS_PASSIVE_ESTABLISHED_CB: a listener's */

/* One of the five options, in ka_sockopts[] order (the order of setting). */
struct ka_bpf_option {
	__s32 level, name; /* as setsockopt() takes them */
	__s32 value;       /* ka_sockopt_value() */
	__s32 min, max;    /* what the kernel accepts */
	__u32 bit;         /* enum ka_option */
};

struct ka_bpf_settings {
	__u32 enabled;
	__u32 force;
	__u32 role;        /* KA_BPF_ROLE_... */
	__u32 set;         /* enum ka_option bits: ka_sockopts_wanted() */
	__u32 exempt_tgid; /* a process whose setsockopt calls pass untouched
			    * (our command's pass over existing sockets); 0: none */
	__u32 nports;      /* 0: every port */
	struct {
		__u32 lo, hi;
	} ports[KA_BPF_PORT_RANGES];
	struct ka_bpf_option opt[KA_BPF_OPTIONS];
};

/* What the programs note of each socket (socket-local storage, cloned from
 * a listener to the connections it accepts). */
struct ka_bpf_note {
	__u32 program_options; /* the options the program set itself (respect mode) */
	__u32 managed;         /* configured by us in force mode: guarded */
};

/* The two settings and the index of the one in use: a command writes the
 * other one whole, then flips the index, a single word written at once, so
 * that no program ever reads half of one and half of the other. */
#define KA_BPF_BUFFERS 2

#ifndef __bpf__
struct ka_config;
/* Fills *s from cfg: a pure function, no system call. */
void ka_bpf_settings_fill(struct ka_bpf_settings *s, const struct ka_config *cfg,
			  __u32 exempt_tgid);
#endif

#endif
