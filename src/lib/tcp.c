/* Classifying sockets and setting their keepalive options.
 *
 * SO_KEEPALIVE "succeeds" on UDP and UNIX sockets too, so success proves
 * nothing: a socket is classified by its domain, type and protocol. */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "fdstate.h"
#include "real.h"
#include "tcp.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

static bool is_tcp_protocol(int protocol)
{
	/* MPTCP takes the same options on recent kernels; where it does not,
	 * the calls fail and the socket is left as it was. */
	return protocol == 0 || protocol == IPPROTO_TCP || protocol == IPPROTO_MPTCP;
}

bool ka_is_tcp(int domain, int type, int protocol)
{
	return (domain == AF_INET || domain == AF_INET6) &&
	       (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM &&
	       is_tcp_protocol(protocol);
}

static bool get_int(int fd, int level, int name, int *value)
{
	socklen_t len = sizeof *value;

	return getsockopt(fd, level, name, value, &len) == 0 && len == sizeof *value;
}

bool ka_fd_is_tcp(int fd)
{
	int domain, type, protocol;

	return get_int(fd, SOL_SOCKET, SO_DOMAIN, &domain) &&
	       get_int(fd, SOL_SOCKET, SO_TYPE, &type) &&
	       get_int(fd, SOL_SOCKET, SO_PROTOCOL, &protocol) &&
	       ka_is_tcp(domain, type, protocol);
}

bool ka_keepalive_on(int fd)
{
	int on;

	return get_int(fd, SOL_SOCKET, SO_KEEPALIVE, &on) && on;
}

bool ka_keepalive_ours(int fd, const struct ka_config *cfg)
{
	int idle, intvl, cnt, user_timeout;

	return ka_keepalive_on(fd) && get_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle) &&
	       idle == cfg->idle_s && get_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl) &&
	       intvl == cfg->intvl_s && get_int(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt) &&
	       cnt == cfg->cnt &&
	       (cfg->user_timeout_ms == 0 ||
		(get_int(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &user_timeout) &&
		 user_timeout == cfg->user_timeout_ms));
}

/* Straight to the C library: our own setsockopt() hook is not for us. */
static void set_int(int fd, int level, int name, int value)
{
	(void)ka_real_setsockopt(fd, level, name, &value, sizeof value);
}

void ka_configure(int fd, const struct ka_config *cfg, unsigned keep)
{
	if (!(keep & KA_OPT_IDLE))
		set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, cfg->idle_s);
	if (!(keep & KA_OPT_INTVL))
		set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, cfg->intvl_s);
	if (!(keep & KA_OPT_CNT))
		set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, cfg->cnt);
	/* Keepalive never fires while sent data is unacknowledged; only the
	 * user timeout bounds a peer that vanished mid-transfer. */
	if (cfg->user_timeout_ms > 0 && !(keep & KA_OPT_USER_TIMEOUT))
		set_int(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, cfg->user_timeout_ms);
	if (!(keep & KA_OPT_KEEPALIVE))
		set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1);
}
