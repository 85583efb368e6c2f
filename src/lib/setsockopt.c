/* The program's own setsockopt() calls on the five options we set.
 *
 * Respect mode (the default): they go through. On a socket not decided yet
 * (held back by a scope filter, or not seen created) we note which options
 * the program chose, so that configuring it later leaves them.
 * KEEPALIVE_MODE=force: calls that would undo ours on a socket we manage
 * report success and are not made.
 *
 * Every other call goes straight to the C library with no system call of
 * ours, and so does every call in respect mode. */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "apply.h"
#include "fdstate.h"
#include "log.h"
#include "runtime.h"
#include "setsockopt.h"
#include "tcp.h"

/* Whether a socket is one our settings must hold on. */
static bool managed_socket(const struct ka_config *cfg, int fd)
{
	struct ka_socket_facts s = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;

	switch (ka_fd_get(fd)) {
	case KA_FD_DECIDED:
	case KA_FD_CHECKING_QUEUE:
	case KA_FD_PASSING_ON:
		/* The entry may have outlived a socket closed inside the C
		 * library, its number now a UNIX socket or a file: checked
		 * here, for calls about to be dropped only. */
		return ka_fd_kind(fd) == KA_KIND_TCP;
	case KA_FD_UNSEEN:
		/* Made by a path we did not see: configured now, unless a
		 * scope filter must wait for its address (KA_LATER). */
		d = ka_apply_decide(cfg, fd, &s);
		if (!ka_apply_decision(cfg, fd, &d, &s, "at setsockopt() (force mode)", NULL))
			return false;
		ka_apply_mark_configured(fd);
		return true;
	case KA_FD_AWAITING_ADDRESS: /* configured, forcibly, when its scope is known */
	case KA_FD_LEFT_ALONE:
	default:
		return false;
	}
}

bool ka_setsockopt_dropped(int fd, int level, int name, const void *value, socklen_t len)
{
	const struct ka_sockopt *opt = ka_sockopt_find(level, name);
	int saved_errno = errno, wanted, given;
	struct ka_config scratch;
	const struct ka_config *cfg;
	bool dropped = false;

	if (opt == NULL)
		return false;
	cfg = ka_runtime_settings(&scratch);
	if (!cfg->enabled || !(ka_sockopts_wanted(cfg) & opt->bit))
		return false; /* KEEPALIVE_USER_TIMEOUT=0: not one of ours */
	if (!cfg->force) {
		enum ka_fd_state state = ka_fd_get(fd);

		if (state == KA_FD_AWAITING_ADDRESS || state == KA_FD_UNSEEN)
			ka_fd_add_program_option(fd, opt->bit);
		return false;
	}
	if (value == NULL || len < (socklen_t)sizeof given)
		return false;
	memcpy(&given, value, sizeof given);
	wanted = ka_sockopt_value(opt, cfg);
	if (opt->bit == KA_OPT_KEEPALIVE ? given != 0 : given == wanted)
		return false; /* agrees with ours: let it through */
	/* A value the kernel refuses fails as without us (EINVAL). */
	if (!ka_sockopt_accepts(opt, given))
		return false;
	if (managed_socket(cfg, fd)) {
		dropped = true;
		ka_log_override(cfg, fd, opt, given, wanted);
	}
	errno = saved_errno;
	return dropped;
}
