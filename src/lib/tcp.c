/* Classifying sockets and setting their keepalive options.
 *
 * SO_KEEPALIVE "succeeds" on UDP and UNIX sockets too, so success proves
 * nothing: a socket is classified by its domain, type and protocol. */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "fdstate.h"
#include "log.h"
#include "real.h"
#include "tcp.h"

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

bool ka_is_listening(int fd)
{
	int listening;

	return get_int(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening) && listening;
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

/* Straight to the C library: our own setsockopt() hook is not for us.
 * Returns the option's bit when the kernel refused it. */
static unsigned set_int(int fd, int level, int name, int value, enum ka_option option)
{
	return ka_real_setsockopt(fd, level, name, &value, sizeof value) == 0 ? 0 : option;
}

void ka_configure(int fd, const struct ka_config *cfg, unsigned keep, const char *where)
{
	unsigned refused = 0;

	if (!(keep & KA_OPT_IDLE))
		refused |= set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, cfg->idle_s, KA_OPT_IDLE);
	if (!(keep & KA_OPT_INTVL))
		refused |= set_int(fd, IPPROTO_TCP, TCP_KEEPINTVL, cfg->intvl_s, KA_OPT_INTVL);
	if (!(keep & KA_OPT_CNT))
		refused |= set_int(fd, IPPROTO_TCP, TCP_KEEPCNT, cfg->cnt, KA_OPT_CNT);
	/* Keepalive never fires while sent data is unacknowledged; only the
	 * user timeout bounds a peer that vanished mid-transfer. MPTCP sockets
	 * refuse it on the kernels we know (ENOPROTOOPT). */
	if (cfg->user_timeout_ms > 0 && !(keep & KA_OPT_USER_TIMEOUT))
		refused |= set_int(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, cfg->user_timeout_ms,
				   KA_OPT_USER_TIMEOUT);
	if (!(keep & KA_OPT_KEEPALIVE))
		refused |= set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1, KA_OPT_KEEPALIVE);
	ka_log_configured(cfg, fd, where, keep, refused);
}
