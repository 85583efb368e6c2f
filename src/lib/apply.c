/* The policy applied to one of this process's descriptors. */
#include <config.h>

#include "apply.h"
#include "fdstate.h"
#include "log.h"
#include "tcp.h"

struct ka_decision ka_apply_decide(const struct ka_config *cfg, int fd,
				   struct ka_socket_facts *s)
{
	for (;;) {
		struct ka_decision d = ka_decide(cfg, s);

		switch (d.verdict) {
		case KA_NEED_KIND:
			s->kind = ka_fd_kind(fd);
			break;
		case KA_NEED_PORT:
			/* A client's remote port comes from connect()'s address:
			 * none there is none at all (not IPv4 or IPv6). */
			if (s->side != KA_SIDE_CLIENT)
				s->port = ka_fd_local_port(fd);
			if (s->port < 0)
				return (struct ka_decision){ KA_LEAVE, KA_WHY_PORT, 0, 0 };
			break;
		case KA_NEED_KEEPALIVE:
		case KA_NEED_VALUES:
			s->keepalive = ka_fd_keepalive(fd, cfg, d.verdict == KA_NEED_VALUES);
			break;
		default:
			return d;
		}
	}
}

bool ka_apply_decision(const struct ka_config *cfg, int fd, const struct ka_decision *d,
		       const struct ka_socket_facts *s, const char *where, const char *what)
{
	if (d->verdict != KA_CONFIGURE) {
		/* Not TCP, or the library off: not worth a line. */
		if (d->verdict == KA_LEAVE && what != NULL && d->reason != KA_WHY_NOT_TCP &&
		    d->reason != KA_WHY_DISABLED)
			ka_log_left(cfg, fd, what, d->reason, s);
		return false;
	}
	ka_log_configured(cfg, fd, where, d->kept, ka_fd_configure(fd, cfg, d->set));
	return true;
}

void ka_apply_mark_configured(int fd)
{
	ka_fd_set(fd, ka_fd_listening(fd) ? KA_FD_CHECKING_QUEUE : KA_FD_DECIDED);
}
