/* When to act: the decisions behind each hook.
 *
 * The kernel copies SO_KEEPALIVE, TCP_KEEPIDLE/INTVL/CNT and TCP_USER_TIMEOUT
 * from a listener to every connection it accepts. A TCP socket configured
 * when socket() creates it therefore costs nothing more at accept() or
 * connect(); system calls are spent only on sockets we did not see created,
 * and, with scope filters, once per socket when its address is known. */
#include <config.h>

#include <errno.h>

#include "fdstate.h"
#include "log.h"
#include "policy.h"
#include "runtime.h"
#include "scope.h"
#include "tcp.h"

void ka_after_socket(int fd, int domain, int type, int protocol)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;

	if (!ka_is_tcp(domain, type, protocol)) {
		/* UDP, UNIX...: known not to be ours, so that connect() on it
		 * costs nothing either. */
		ka_fd_set(fd, KA_FD_LEFT);
		return;
	}
	ka_fd_set(fd, KA_FD_UNKNOWN);
	cfg = ka_runtime_settings(&scratch);
	if (cfg->enabled && ka_config_filters(cfg)) {
		ka_fd_set(fd, KA_FD_PENDING); /* the address decides, later */
	} else if (cfg->enabled) {
		ka_configure(fd, cfg, 0, "at socket()");
		ka_fd_set(fd, KA_FD_OURS);
	}
	errno = saved_errno;
}

/* A socket we never saw created, with keepalive already on: a parent, a
 * launcher or the program chose its settings, and that choice stands
 * (unless KEEPALIVE_MODE=force). A socket we created and held back for a
 * scope filter has keepalive on only because the program turned it on: it
 * is configured, leaving the options the program set, as if we had done it
 * at socket(). */
static bool leave_as_is(const struct ka_config *cfg, int fd, enum ka_fd_state state)
{
	return !cfg->force && state == KA_FD_UNKNOWN && ka_keepalive_on(fd);
}

/* The options configuring leaves alone: the program's, unless forced. */
static unsigned kept_options(const struct ka_config *cfg, unsigned program)
{
	return cfg->force ? 0 : program;
}

/* A listener first seen at accept(): is it TCP, in scope, and did the
 * program itself turn keepalive off on it? */
static enum ka_fd_state classify_listener(const struct ka_config *cfg, int listener,
					  enum ka_fd_state state, unsigned program)
{
	if (state == KA_FD_UNKNOWN && !ka_fd_is_tcp(listener))
		return KA_FD_LEFT;
	if (!cfg->force && (program & KA_OPT_KEEPALIVE) && !ka_keepalive_on(listener)) {
		ka_log_socket(cfg, listener, "listener the program turned keepalive off on: "
					     "left alone, with its connections");
		return KA_FD_LEFT;
	}
	if (ka_config_filters(cfg) && !ka_server_in_scope(cfg, listener)) {
		ka_log_socket(cfg, listener, "listener outside KEEPALIVE_ROLE or KEEPALIVE_PORTS: "
					     "left alone, with its connections");
		return KA_FD_LEFT;
	}
	return KA_FD_FOREIGN;
}

/* A listener we did not configure ourselves: inherited from systemd socket
 * activation, inetd, a parent, SCM_RIGHTS, or ours but held back by a scope
 * filter. Configure the listener itself the first time (unless someone
 * already turned keepalive on there: that choice stands), so that later
 * connections inherit. Connections already in its accept queue were cloned
 * from the listener before that and carry nothing, and a listener with
 * keepalive on proves nothing about them either (a preloaded launcher that
 * exec'd this program may have set it), so each accepted connection is
 * checked until one arrives that inherited keepalive: the queue is FIFO, so
 * all later ones will have it too, and from then on accept() costs nothing. */
static void adopt_connection(const struct ka_config *cfg, int listener, int conn,
			     enum ka_fd_state seen, unsigned program)
{
	bool first_sight = seen != KA_FD_FOREIGN;

	if (first_sight && !leave_as_is(cfg, listener, seen))
		ka_configure(listener, cfg, kept_options(cfg, program), "at its first accept()");
	/* In force mode, keepalive on is not enough: a connection queued
	 * before we configured the listener carries the timers someone else
	 * set there, and only one with ours proves that later ones inherit. */
	if (cfg->force ? ka_keepalive_ours(conn, cfg) : ka_keepalive_on(conn)) {
		ka_fd_set(listener, KA_FD_SETTLED);
		ka_log_socket(cfg, conn, "accepted with keepalive already on: left as it is");
		return;
	}
	/* Cloned from the listener: it carries what the program set there. */
	ka_configure(conn, cfg, kept_options(cfg, program),
		     "at accept() (it was queued before the listener was)");
}

void ka_after_accept(int listener, int conn)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;
	enum ka_fd_state state = ka_fd_get(listener);
	unsigned program = ka_fd_program_options(listener);
	bool first_sight = state == KA_FD_UNKNOWN || state == KA_FD_PENDING;

	if (state == KA_FD_OURS || state == KA_FD_SETTLED || state == KA_FD_LEFT) {
		/* Its connections inherit our settings, or the program's. */
		ka_fd_set(conn, state == KA_FD_LEFT ? KA_FD_LEFT : KA_FD_OURS);
		return;
	}
	ka_fd_set(conn, KA_FD_UNKNOWN); /* the number may have been a TCP socket */
	cfg = ka_runtime_settings(&scratch);
	if (cfg->enabled) {
		enum ka_fd_state seen = state;

		if (first_sight) {
			state = classify_listener(cfg, listener, state, program);
			/* The program's options are needed for each queued one. */
			ka_fd_set_keeping_options(listener, state);
		}
		if (state == KA_FD_FOREIGN) {
			adopt_connection(cfg, listener, conn, seen, program);
			ka_fd_set(conn, KA_FD_OURS);
		} else {
			ka_fd_set(conn, KA_FD_LEFT);
		}
	}
	errno = saved_errno;
}

/* A socket that connect() sees not yet configured: made by a raw system
 * call, inherited, passed in, or held back by a scope filter. Configure it
 * unless keepalive is already on, leaving the options the program set itself
 * since: the program's (or a parent's) choice stands, unless
 * KEEPALIVE_MODE=force. */
void ka_before_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;
	enum ka_fd_state state = ka_fd_get(fd);
	unsigned program = ka_fd_program_options(fd);

	if (state == KA_FD_OURS || state == KA_FD_LEFT)
		return;
	cfg = ka_runtime_settings(&scratch);
	if (!cfg->enabled || (state == KA_FD_UNKNOWN && !ka_fd_is_tcp(fd))) {
		errno = saved_errno;
		return;
	}
	if (ka_config_filters(cfg) && !ka_client_in_scope(cfg, addr, len)) {
		ka_log_socket(cfg, fd, "connect() outside KEEPALIVE_ROLE or KEEPALIVE_PORTS: "
				       "left alone");
		ka_fd_set(fd, KA_FD_LEFT);
	} else if (leave_as_is(cfg, fd, state)) {
		ka_log_socket(cfg, fd, "connect() with keepalive already on: left as it is");
		ka_fd_set(fd, KA_FD_OURS);
	} else {
		ka_configure(fd, cfg, kept_options(cfg, program), "at connect()");
		ka_fd_set(fd, KA_FD_OURS);
	}
	errno = saved_errno;
}
