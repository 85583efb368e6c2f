/* What each hooked call does for keepalive: the facts the call gives, the
 * policy's answer (decide.c), and the descriptor's new state.
 *
 * The kernel copies SO_KEEPALIVE, TCP_KEEPIDLE/INTVL/CNT and TCP_USER_TIMEOUT
 * from a listener to every connection it accepts. A TCP socket configured
 * when socket() creates it therefore costs nothing more at accept() or
 * connect(); system calls are spent only on sockets we did not see created,
 * and, with scope filters, once per socket when its address is known. */
#include <config.h>

#include <errno.h>

#include "apply.h"
#include "events.h"
#include "fdstate.h"
#include "log.h"
#include "runtime.h"
#include "tcp.h"

void ka_after_socket(int fd, int domain, int type, int protocol)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;
	struct ka_socket_facts s = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;

	if (!ka_is_tcp(domain, type, protocol)) {
		/* UDP, UNIX...: known not to be ours, so that connect() on it
		 * costs nothing either. */
		ka_fd_set(fd, KA_FD_LEFT_ALONE);
		return;
	}
	ka_fd_set(fd, KA_FD_UNSEEN);
	cfg = ka_runtime_settings(&scratch);
	s.kind = KA_KIND_TCP;
	s.made_here = true;
	d = ka_decide(cfg, &s);
	if (d.verdict == KA_LATER)
		ka_fd_set(fd, KA_FD_AWAITING_ADDRESS);
	else if (ka_apply_decision(cfg, fd, &d, &s, "at socket()", NULL))
		ka_fd_set(fd, KA_FD_DECIDED);
	errno = saved_errno;
}

/* A listener first seen at accept(): inherited from systemd socket
 * activation, inetd, a parent, SCM_RIGHTS, or ours but held back by a scope
 * filter. It is configured the first time (unless its keepalive stands), so
 * that later connections inherit. Connections already in its accept queue
 * were cloned from the listener before that and carry nothing, and a
 * listener with keepalive on proves nothing about them either (a preloaded
 * launcher that exec'd this program may have set it), so each accepted
 * connection is checked until one arrives that inherited keepalive: the
 * queue is FIFO, so all later ones will have it too, and from then on
 * accept() costs nothing. */
static enum ka_fd_state first_accept(const struct ka_config *cfg, int listener,
				     enum ka_fd_state state, unsigned program)
{
	struct ka_socket_facts s = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;

	s.kind = state == KA_FD_AWAITING_ADDRESS ? KA_KIND_TCP : KA_KIND_UNKNOWN;
	s.side = KA_SIDE_LISTENER;
	s.made_here = state == KA_FD_AWAITING_ADDRESS;
	s.program_options = program;
	d = ka_apply_decide(cfg, listener, &s);
	if (d.verdict == KA_LEAVE && d.reason != KA_WHY_OWN_KEEPALIVE &&
	    d.reason != KA_WHY_ALREADY) {
		ka_apply_decision(cfg, listener, &d, &s, NULL, "listener, with its connections");
		return KA_FD_LEFT_ALONE;
	}
	ka_apply_decision(cfg, listener, &d, &s, "at its first accept()", NULL);
	return KA_FD_CHECKING_QUEUE;
}

/* A connection of a listener whose queue is checked: it was cloned from the
 * listener and carries what the program set there. */
static void check_queued(const struct ka_config *cfg, int listener, int conn, unsigned program)
{
	struct ka_socket_facts s = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;

	s.kind = KA_KIND_TCP;
	s.side = KA_SIDE_ACCEPTED;
	s.in_scope = true;
	s.program_options = program;
	d = ka_apply_decide(cfg, conn, &s);
	if (d.verdict == KA_LEAVE) {
		/* Inherited from the listener: so will every later one. */
		ka_fd_set(listener, KA_FD_PASSING_ON);
		ka_log_socket(cfg, conn,
			      "accepted with keepalive on, inherited from its listener: so will be "
			      "every later connection, at no cost");
		return;
	}
	ka_apply_decision(cfg, conn, &d, &s,
			  "at accept(), having queued before its listener was configured", NULL);
}

void ka_after_accept(int listener, int conn)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;
	enum ka_fd_state state = ka_fd_get(listener);
	unsigned program = ka_fd_program_options(listener);

	if (state == KA_FD_DECIDED || state == KA_FD_PASSING_ON || state == KA_FD_LEFT_ALONE) {
		/* Its connections inherit our settings, or the program's. */
		ka_fd_set(conn, state == KA_FD_LEFT_ALONE ? KA_FD_LEFT_ALONE : KA_FD_DECIDED);
		return;
	}
	ka_fd_set(conn, KA_FD_UNSEEN); /* the number may have been a TCP socket */
	cfg = ka_runtime_settings(&scratch);
	if (cfg->enabled) {
		if (state != KA_FD_CHECKING_QUEUE) {
			state = first_accept(cfg, listener, state, program);
			/* The program's options are needed for each queued one. */
			ka_fd_set_keeping_options(listener, state);
		}
		if (state == KA_FD_CHECKING_QUEUE) {
			check_queued(cfg, listener, conn, program);
			ka_fd_set(conn, KA_FD_DECIDED);
		} else {
			ka_fd_set(conn, KA_FD_LEFT_ALONE);
		}
	}
	errno = saved_errno;
}

/* A socket that connect() sees not yet decided: made by a raw system call,
 * inherited, passed in, or held back by a scope filter. */
void ka_before_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int saved_errno = errno;
	struct ka_config scratch;
	const struct ka_config *cfg;
	enum ka_fd_state state = ka_fd_get(fd);
	struct ka_socket_facts s = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;

	if (state == KA_FD_DECIDED || state == KA_FD_LEFT_ALONE)
		return;
	cfg = ka_runtime_settings(&scratch);
	s.kind = state == KA_FD_AWAITING_ADDRESS ? KA_KIND_TCP : KA_KIND_UNKNOWN;
	s.side = KA_SIDE_CLIENT;
	s.port = ka_port_of(addr, len);
	s.made_here = state == KA_FD_AWAITING_ADDRESS;
	s.program_options = ka_fd_program_options(fd);
	if (cfg->enabled) {
		d = ka_apply_decide(cfg, fd, &s);
		if (ka_apply_decision(cfg, fd, &d, &s, "at connect()", "connect()") ||
		    d.reason == KA_WHY_OWN_KEEPALIVE || d.reason == KA_WHY_ALREADY)
			ka_fd_set(fd, KA_FD_DECIDED);
		else if (d.reason != KA_WHY_NOT_TCP)
			ka_fd_set(fd, KA_FD_LEFT_ALONE);
	}
	errno = saved_errno;
}
