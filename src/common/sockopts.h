/* The five socket options that make keepalive: one table, read by every part
 * that sets, reads back, names or guards them (the library's hooks, the
 * keepalive command's --pid, the BPF settings of --cgroup, the messages).
 *
 * The order of the table is the order in which they are set: the timers
 * first, the user timeout, SO_KEEPALIVE last, so that keepalive starts with
 * our timers already in place, never with the kernel's. */
#ifndef KA_SOCKOPTS_H
#define KA_SOCKOPTS_H

#include <stdbool.h>

#include "settings.h"

/* One bit per option, in table order: sets of options (those the program
 * set itself, those the kernel refused, those to set) are masks of these. */
enum ka_option {
	KA_OPT_IDLE = 1 << 0,
	KA_OPT_INTVL = 1 << 1,
	KA_OPT_CNT = 1 << 2,
	KA_OPT_USER_TIMEOUT = 1 << 3,
	KA_OPT_KEEPALIVE = 1 << 4,
};
#define KA_OPT_ALL 0x1fu
#define KA_SOCKOPT_COUNT 5

struct ka_sockopt {
	enum ka_option bit;
	int level, name;        /* as setsockopt() takes them */
	const char *label;      /* "TCP_KEEPIDLE" */
	const char *key;        /* "idle": debug lines, --show, JSON field names */
	long long min, max;     /* what the kernel accepts; EINVAL outside */
	enum ka_setting setting; /* the setting whose value it gets */
};

extern const struct ka_sockopt ka_sockopts[KA_SOCKOPT_COUNT];

/* The sockets the five options are for, from the arguments of socket() (or
 * SO_DOMAIN, SO_TYPE, SO_PROTOCOL): TCP (or MPTCP) over IPv4 or IPv6. */
bool ka_is_tcp(int domain, int type, int protocol);

/* One int option of a descriptor; false when getsockopt fails. */
bool ka_sockopt_get(int fd, int level, int name, int *value);

/* ka_is_tcp() asked of the kernel for a descriptor; its family in *family. */
bool ka_fd_is_tcp(int fd, int *family);

/* The row of level/name, or NULL when it is not one of the five. */
const struct ka_sockopt *ka_sockopt_find(int level, int name);

/* The value the settings give the option (1 for SO_KEEPALIVE). */
int ka_sockopt_value(const struct ka_sockopt *opt, const struct ka_config *cfg);

/* Whether the kernel takes the value (setsockopt would not fail with EINVAL). */
bool ka_sockopt_accepts(const struct ka_sockopt *opt, long long value);

/* The options the settings set: all five, less the user timeout when
 * KEEPALIVE_USER_TIMEOUT=0 leaves it to the kernel. */
unsigned ka_sockopts_wanted(const struct ka_config *cfg);

/* Writes the labels of a mask, "TCP_KEEPIDLE, SO_KEEPALIVE", without stdio
 * (async-signal-safe); returns the length written, always NUL-terminated. */
size_t ka_sockopts_list(unsigned mask, char *buf, size_t len);

#endif
