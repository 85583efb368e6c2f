/* KEEPALIVE_MODE=force: the program's setsockopt() calls cannot undo ours.
 *
 * Only the five options we set are looked at; every other call, and every
 * call in respect mode, goes straight to the C library with no system call
 * of ours. */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include "fdstate.h"
#include "log.h"
#include "policy.h"
#include "runtime.h"
#include "tcp.h"

/* Whether the kernel would take the value: a call it would refuse with
 * EINVAL is made, so that the program sees its error as without us. */
static bool kernel_accepts(int level, int name, int value)
{
	if (level == SOL_SOCKET)
		return true;
	switch (name) {
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		return value >= KA_SECONDS_MIN && value <= KA_SECONDS_MAX;
	case TCP_KEEPCNT:
		return value >= KA_CNT_MIN && value <= KA_CNT_MAX;
	default: /* TCP_USER_TIMEOUT */
		return value >= 0;
	}
}

/* The value we keep for an option, or -1 when it is not one we manage. */
static int managed_value(const struct ka_config *cfg, int level, int name)
{
	if (level == SOL_SOCKET && name == SO_KEEPALIVE)
		return 1;
	if (level != IPPROTO_TCP)
		return -1;
	switch (name) {
	case TCP_KEEPIDLE:
		return cfg->idle_s;
	case TCP_KEEPINTVL:
		return cfg->intvl_s;
	case TCP_KEEPCNT:
		return cfg->cnt;
	case TCP_USER_TIMEOUT:
		/* 0: the user asked us to leave the user timeout alone. */
		return cfg->user_timeout_ms > 0 ? cfg->user_timeout_ms : -1;
	default:
		return -1;
	}
}

/* Whether a socket is one our settings must hold on. */
static bool managed_socket(const struct ka_config *cfg, int fd)
{
	switch (ka_fd_get(fd)) {
	case KA_FD_OURS:
	case KA_FD_FOREIGN:
	case KA_FD_SETTLED:
		/* Close is not interposed: the entry may be a closed socket's
		 * whose number now holds a UNIX socket from socketpair(), a
		 * file... Checked only here, for calls about to be dropped. */
		return ka_fd_is_tcp(fd);
	case KA_FD_UNKNOWN:
		/* Made by a path we did not see. Without filters every TCP
		 * socket is ours to configure: do it now. With filters, its
		 * address decides at connect() or accept(). */
		if (ka_config_filters(cfg) || !ka_fd_is_tcp(fd))
			return false;
		ka_configure(fd, cfg);
		ka_fd_set(fd, KA_FD_OURS);
		ka_log_socket(cfg, fd, "configured at setsockopt() (force mode)", true);
		return true;
	case KA_FD_PENDING: /* configured, forcibly, when its scope is known */
	case KA_FD_LEFT:
	default:
		return false;
	}
}

bool ka_setsockopt_overridden(int fd, int level, int name, const void *value, socklen_t len)
{
	int saved_errno = errno, wanted, given;
	struct ka_config scratch;
	const struct ka_config *cfg;
	bool overridden = false;

	if (!(level == SOL_SOCKET && name == SO_KEEPALIVE) && level != IPPROTO_TCP)
		return false;
	cfg = ka_runtime_settings(&scratch);
	if (!cfg->enabled || !cfg->force || value == NULL || len < (socklen_t)sizeof given)
		return false;
	wanted = managed_value(cfg, level, name);
	if (wanted < 0)
		return false;
	memcpy(&given, value, sizeof given);
	if (name == SO_KEEPALIVE && level == SOL_SOCKET ? given != 0 : given == wanted)
		return false; /* agrees with ours: let it through */
	if (!kernel_accepts(level, name, given))
		return false;
	if (managed_socket(cfg, fd)) {
		overridden = true;
		ka_log_override(cfg, fd, level, name, given, wanted);
	}
	errno = saved_errno;
	return overridden;
}
