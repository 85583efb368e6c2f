/* KEEPALIVE_ROLE and KEEPALIVE_PORTS applied to real sockets: the remote
 * port for a client, the local port for a listener and its connections. */
#include <config.h>

#include <netinet/in.h>

#include "scope.h"

/* The port of an IPv4 or IPv6 address; -1 for anything else. */
static int port_of(const struct sockaddr *addr, socklen_t len)
{
	if (addr == NULL)
		return -1;
	if (addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in))
		return ntohs(((const struct sockaddr_in *)(const void *)addr)->sin_port);
	if (addr->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6))
		return ntohs(((const struct sockaddr_in6 *)(const void *)addr)->sin6_port);
	return -1;
}

bool ka_client_in_scope(const struct ka_config *cfg, const struct sockaddr *addr, socklen_t len)
{
	if (cfg->role == KA_ROLE_SERVER)
		return false;
	return cfg->nports == 0 || ka_config_port_in_scope(cfg, port_of(addr, len));
}

bool ka_server_in_scope(const struct ka_config *cfg, int fd)
{
	struct sockaddr_storage local;
	socklen_t len = sizeof local;

	if (cfg->role == KA_ROLE_CLIENT)
		return false;
	if (cfg->nports == 0)
		return true;
	if (getsockname(fd, (struct sockaddr *)&local, &len) != 0)
		return false;
	return ka_config_port_in_scope(cfg, port_of((struct sockaddr *)&local, len));
}
