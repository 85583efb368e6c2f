/* What the kernel says about a socket, and setting its keepalive options. */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include "real.h"
#include "tcp.h"

enum ka_kind ka_fd_kind(int fd)
{
	int family;

	return ka_fd_is_tcp(fd, &family) ? KA_KIND_TCP : KA_KIND_OTHER;
}

bool ka_fd_listening(int fd)
{
	int listening;

	return ka_sockopt_get(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening) && listening;
}

enum ka_keepalive ka_fd_keepalive(int fd, const struct ka_config *cfg, bool compare)
{
	const unsigned wanted = ka_sockopts_wanted(cfg);
	int value;

	if (!ka_sockopt_get(fd, SOL_SOCKET, SO_KEEPALIVE, &value) || value == 0)
		return KA_KEEPALIVE_OFF;
	if (!compare)
		return KA_KEEPALIVE_ON;
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		const struct ka_sockopt *opt = &ka_sockopts[i];

		if (opt->bit == KA_OPT_KEEPALIVE || !(wanted & opt->bit))
			continue;
		if (!ka_sockopt_get(fd, opt->level, opt->name, &value) ||
		    value != ka_sockopt_value(opt, cfg))
			return KA_KEEPALIVE_OTHER;
	}
	return KA_KEEPALIVE_OURS;
}

int ka_port_of(const struct sockaddr *addr, socklen_t len)
{
	if (addr == NULL)
		return -1;
	if (addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in))
		return ntohs(((const struct sockaddr_in *)(const void *)addr)->sin_port);
	if (addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6))
		return ntohs(((const struct sockaddr_in6 *)(const void *)addr)->sin6_port);
	return -1;
}

int ka_fd_local_port(int fd)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof local;

	if (getsockname(fd, (struct sockaddr *)&local, &len) != 0)
		return -1;
	return ka_port_of((struct sockaddr *)&local, len);
}

unsigned ka_fd_configure(int fd, const struct ka_config *cfg, unsigned set)
{
	unsigned refused = 0;

	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		const struct ka_sockopt *opt = &ka_sockopts[i];
		int value = ka_sockopt_value(opt, cfg);

		if ((set & opt->bit) &&
		    ka_real_setsockopt(fd, opt->level, opt->name, &value, sizeof value) != 0)
			refused |= opt->bit;
	}
	return refused;
}
