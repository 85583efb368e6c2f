/* When to act: the decisions behind each hook.
 *
 * The kernel copies SO_KEEPALIVE, TCP_KEEPIDLE/INTVL/CNT and TCP_USER_TIMEOUT
 * from a listener to every connection it accepts. A TCP socket configured
 * when socket() creates it therefore costs nothing more at accept() or
 * connect(); system calls are spent only on sockets we did not see created. */
#include <config.h>

#include <errno.h>

#include "fdstate.h"
#include "log.h"
#include "policy.h"
#include "runtime.h"
#include "tcp.h"

void ka_after_socket(int fd, int domain, int type, int protocol)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;

	if (!ka_is_tcp(domain, type, protocol)) {
		ka_fd_set(fd, KA_FD_UNKNOWN); /* the number may have been a TCP socket */
		return;
	}
	cfg = ka_runtime_settings(&scratch);
	if (cfg->enabled) {
		ka_configure(fd, cfg);
		ka_fd_set(fd, KA_FD_OURS);
		ka_log_socket(cfg, fd, "configured at socket()", true);
	}
	errno = saved_errno;
}

/* A listener we did not create: inherited from systemd socket activation,
 * inetd, a parent, SCM_RIGHTS. Configure the listener itself the first time
 * (unless someone already turned keepalive on there: that choice stands), so
 * that later connections inherit. Connections already in its accept queue were
 * cloned from the listener before that and carry nothing, and a listener with
 * keepalive on proves nothing about them either (a preloaded launcher that
 * exec'd this program may have set it), so each accepted connection is checked
 * until one arrives that inherited keepalive: the queue is FIFO, so all later
 * ones will have it too, and from then on accept() costs nothing. */
static void adopt_foreign_connection(const struct ka_config *cfg, int listener,
				     int conn, bool first_sight)
{
	if (ka_keepalive_on(conn)) {
		ka_fd_set(listener, KA_FD_SETTLED);
		ka_log_socket(cfg, conn, "accepted with keepalive already on: left as it is", false);
		return;
	}
	ka_configure(conn, cfg);
	ka_log_socket(cfg, conn, "configured at accept() (queued on a foreign listener)", true);
	if (first_sight && !ka_keepalive_on(listener)) {
		ka_configure(listener, cfg);
		ka_log_socket(cfg, listener, "configured at its first accept() (foreign listener)", true);
	}
}

void ka_after_accept(int listener, int conn)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;
	enum ka_fd_state state = ka_fd_get(listener);
	bool first_sight = state == KA_FD_UNKNOWN;

	ka_fd_set(conn, KA_FD_UNKNOWN); /* the number may have been a TCP socket */
	if (state == KA_FD_OURS || state == KA_FD_SETTLED || state == KA_FD_NOT_TCP)
		return; /* its connections inherit our settings, or the program's */

	cfg = ka_runtime_settings(&scratch);
	if (cfg->enabled) {
		if (first_sight) {
			state = ka_fd_is_tcp(listener) ? KA_FD_FOREIGN : KA_FD_NOT_TCP;
			ka_fd_set(listener, state);
		}
		if (state == KA_FD_FOREIGN)
			adopt_foreign_connection(cfg, listener, conn, first_sight);
	}
	errno = saved_errno;
}

/* A socket connect() sees that our socket() did not create: made by a raw
 * system call, inherited, or passed in. Configure it unless keepalive is
 * already on (the program's or a parent's choice stands). */
void ka_before_connect(int fd)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;

	if (ka_fd_get(fd) == KA_FD_OURS)
		return;
	cfg = ka_runtime_settings(&scratch);
	if (cfg->enabled && ka_fd_is_tcp(fd)) {
		if (ka_keepalive_on(fd)) {
			ka_log_socket(cfg, fd, "connect() with keepalive already on: left as it is", false);
		} else {
			ka_configure(fd, cfg);
			ka_log_socket(cfg, fd, "configured at connect()", true);
		}
		ka_fd_set(fd, KA_FD_OURS);
	}
	errno = saved_errno;
}
