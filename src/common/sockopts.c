/* The five socket options that make keepalive, and their kernel ranges (tcp(7)). */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

#include "sockopts.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

static bool is_tcp_protocol(int protocol)
{
	/* MPTCP takes SO_KEEPALIVE and the timers on recent kernels, but not
	 * TCP_USER_TIMEOUT (6.18: ENOPROTOOPT): what it refuses is left as
	 * it was, and the debug line says so. */
	return protocol == 0 || protocol == IPPROTO_TCP || protocol == IPPROTO_MPTCP;
}

bool ka_is_tcp(int domain, int type, int protocol)
{
	return (domain == AF_INET || domain == AF_INET6) &&
	       (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM &&
	       is_tcp_protocol(protocol);
}

bool ka_sockopt_get(int fd, int level, int name, int *value)
{
	socklen_t len = sizeof *value;

	return getsockopt(fd, level, name, value, &len) == 0 && len == sizeof *value;
}

bool ka_fd_is_tcp(int fd, int *family)
{
	int type, protocol;

	return ka_sockopt_get(fd, SOL_SOCKET, SO_DOMAIN, family) &&
	       ka_sockopt_get(fd, SOL_SOCKET, SO_TYPE, &type) &&
	       ka_sockopt_get(fd, SOL_SOCKET, SO_PROTOCOL, &protocol) &&
	       ka_is_tcp(*family, type, protocol);
}

const struct ka_sockopt ka_sockopts[KA_SOCKOPT_COUNT] = {
	{ KA_OPT_IDLE, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE", "idle", KA_SECONDS_MIN,
	  KA_SECONDS_MAX, KA_IDLE },
	{ KA_OPT_INTVL, IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL", "intvl", KA_SECONDS_MIN,
	  KA_SECONDS_MAX, KA_INTVL },
	{ KA_OPT_CNT, IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT", "cnt", KA_CNT_MIN, KA_CNT_MAX,
	  KA_CNT },
	/* Keepalive never fires while sent data is unacknowledged: only the
	 * user timeout bounds a peer that vanished mid-transfer. */
	{ KA_OPT_USER_TIMEOUT, IPPROTO_TCP, TCP_USER_TIMEOUT, "TCP_USER_TIMEOUT", "user_timeout",
	  0, KA_USER_TIMEOUT_MAX_MS, KA_USER_TIMEOUT },
	/* Any value the kernel takes as a switch: 0 off, anything else on. */
	{ KA_OPT_KEEPALIVE, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE", "keepalive",
	  -2147483647LL - 1, 2147483647LL, KA_ENABLE },
};

_Static_assert(KA_OPT_ALL == (1u << KA_SOCKOPT_COUNT) - 1, "one bit per row, in table order");

const struct ka_sockopt *ka_sockopt_find(int level, int name)
{
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++)
		if (ka_sockopts[i].level == level && ka_sockopts[i].name == name)
			return &ka_sockopts[i];
	return NULL;
}

int ka_sockopt_value(const struct ka_sockopt *opt, const struct ka_config *cfg)
{
	switch (opt->setting) {
	case KA_IDLE:
		return cfg->idle_s;
	case KA_INTVL:
		return cfg->intvl_s;
	case KA_CNT:
		return cfg->cnt;
	case KA_USER_TIMEOUT:
		return cfg->user_timeout_ms;
	default: /* SO_KEEPALIVE */
		return 1;
	}
}

bool ka_sockopt_accepts(const struct ka_sockopt *opt, long long value)
{
	return value >= opt->min && value <= opt->max;
}

unsigned ka_sockopts_wanted(const struct ka_config *cfg)
{
	return cfg->user_timeout_ms > 0 ? KA_OPT_ALL : KA_OPT_ALL & ~(unsigned)KA_OPT_USER_TIMEOUT;
}

size_t ka_sockopts_list(unsigned mask, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return 0;
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		const char *parts[2] = { used > 0 ? ", " : "", ka_sockopts[i].label };

		if (!(mask & ka_sockopts[i].bit))
			continue;
		for (int p = 0; p < 2; p++) {
			size_t n = strlen(parts[p]);

			if (n > len - 1 - used)
				n = len - 1 - used;
			memcpy(buf + used, parts[p], n);
			used += n;
		}
	}
	buf[used] = '\0';
	return used;
}
