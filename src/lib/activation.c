/* systemd socket activation (sd_listen_fds(3)): LISTEN_PID names this
 * process and LISTEN_FDS counts descriptors passed from 3 on. Configuring
 * the listeners here, before main(), lets every accepted connection inherit
 * our settings at no cost. Connections that completed their handshake before
 * this ran sit in the accept queue unconfigured: marking the listener
 * KA_FD_CHECKING_QUEUE makes accept() check them until one arrives that inherited
 * keepalive (events.c). With Accept=yes the descriptor is the connection
 * itself, configured here since nothing else would reach it. */
#include <config.h>

#include <sys/socket.h>
#include <unistd.h>

#include "activation.h"
#include "apply.h"
#include "environ.h"
#include "fdstate.h"
#include "log.h"
#include "parse.h"
#include "tcp.h"

#define LISTEN_FDS_START 3

static long long number_of(const char *name)
{
	const char *text = ka_env_get(name);
	enum ka_problem_kind kind;
	long long value;

	if (text == NULL || !ka_parse_digits(&text, &value, &kind) || *text != '\0')
		return -1;
	return value;
}

static void adopt(const struct ka_config *cfg, int fd)
{
	struct ka_socket_facts s = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;

	s.kind = ka_fd_kind(fd);
	s.side = ka_fd_listening(fd) ? KA_SIDE_LISTENER : KA_SIDE_ACCEPTED;
	d = ka_apply_decide(cfg, fd, &s);
	if (ka_apply_decision(cfg, fd, &d, &s, "at start-up (socket activation)", NULL)) {
		ka_apply_mark_configured(fd);
	} else if (d.reason == KA_WHY_OWN_KEEPALIVE || d.reason == KA_WHY_ALREADY) {
		ka_log_socket(cfg, fd,
			      "passed by socket activation with keepalive already on: kept as it is");
		ka_fd_set(fd, s.side == KA_SIDE_LISTENER ? KA_FD_CHECKING_QUEUE : KA_FD_DECIDED);
	} else {
		ka_fd_set(fd, KA_FD_LEFT_ALONE);
	}
}

void ka_activation_startup(const struct ka_config *cfg)
{
	long long fds, pid = number_of("LISTEN_PID");

	if (!cfg->enabled || pid < 0 || pid != (long long)getpid())
		return;
	fds = number_of("LISTEN_FDS");
	for (long long i = 0; i < fds && i < 4096; i++)
		adopt(cfg, LISTEN_FDS_START + (int)i);
}
