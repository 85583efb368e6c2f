/* The interposed calls: the only symbols this library exports.
 *
 * Each hook makes the real call (real.c) and hands the result to events.c
 * (socket, accept, accept4, connect) or setsockopt.c, which leave errno and
 * the return value as they were; close, dup2 and dup3 keep fdstate.c true. */

/* No <config.h> and so no _GNU_SOURCE here: with it, glibc declares the
 * address arguments as transparent unions and our definitions would not match
 * its prototypes. accept4 is then undeclared, so we declare it ourselves. */
#include <sys/socket.h>
#include <unistd.h>

#include "events.h"
#include "fdstate.h"
#include "real.h"
#include "setsockopt.h"

#define KA_EXPORT __attribute__((visibility("default")))

KA_EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
KA_EXPORT int dup3(int fd, int target, int flags);

KA_EXPORT int socket(int domain, int type, int protocol)
{
	int fd = ka_real_socket(domain, type, protocol);

	if (fd >= 0)
		ka_after_socket(fd, domain, type, protocol);
	return fd;
}

KA_EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	int conn = ka_real_accept(fd, addr, len);

	if (conn >= 0)
		ka_after_accept(fd, conn);
	return conn;
}

KA_EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	int conn = ka_real_accept4(fd, addr, len, flags);

	if (conn >= 0)
		ka_after_accept(fd, conn);
	return conn;
}

KA_EXPORT int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	ka_before_connect(fd, addr, len);
	return ka_real_connect(fd, addr, len);
}

/* Goes through unless KEEPALIVE_MODE=force holds our settings (setsockopt.c). */
KA_EXPORT int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	if (ka_setsockopt_dropped(fd, level, name, value, len))
		return 0;
	return ka_real_setsockopt(fd, level, name, value, len);
}

/* close, dup2 and dup3 only keep the descriptor table true (fdstate.c): a
 * number that stops naming a socket must not keep that socket's entry. The
 * entry is cleared before close, so that a socket() racing in another thread
 * for the same number writes its own entry after ours. */
KA_EXPORT int close(int fd)
{
	ka_fd_set(fd, KA_FD_UNSEEN);
	return ka_real_close(fd);
}

KA_EXPORT int dup2(int fd, int target)
{
	int result = ka_real_dup2(fd, target);

	if (result >= 0 && result != fd)
		ka_fd_copy(fd, result);
	return result;
}

KA_EXPORT int dup3(int fd, int target, int flags)
{
	int result = ka_real_dup3(fd, target, flags);

	if (result >= 0)
		ka_fd_copy(fd, result);
	return result;
}
