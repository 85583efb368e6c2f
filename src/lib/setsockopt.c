/* The program's own setsockopt() calls on the five options we set.
 *
 * Respect mode (the default): they go through. On a socket we have not
 * configured yet (held back by a scope filter, or not seen created) we note
 * which options the program chose, so that configuring it later leaves them.
 * KEEPALIVE_MODE=force: calls that would undo ours on a socket we manage
 * report success and are not made.
 *
 * Every other call goes straight to the C library with no system call of
 * ours, and so does every call in respect mode. */
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
		/* The entry may have outlived a socket closed inside the C
		 * library, its number now a UNIX socket or a file: checked
		 * here, for calls about to be dropped only. */
		return ka_fd_is_tcp(fd);
	case KA_FD_UNKNOWN:
		/* Made by a path we did not see. Without filters every TCP
		 * socket is ours to configure: do it now. With filters, its
		 * address decides at connect() or accept(). */
		if (ka_config_filters(cfg) || !ka_fd_is_tcp(fd))
			return false;
		ka_configure(fd, cfg, 0, "at setsockopt() (force mode)");
		/* A listener's queued connections still need theirs at accept(). */
		ka_fd_set(fd, ka_is_listening(fd) ? KA_FD_FOREIGN : KA_FD_OURS);
		return true;
	case KA_FD_PENDING: /* configured, forcibly, when its scope is known */
	case KA_FD_LEFT:
	default:
		return false;
	}
}

static enum ka_option option_bit(int level, int name)
{
	if (level == SOL_SOCKET)
		return KA_OPT_KEEPALIVE;
	switch (name) {
	case TCP_KEEPIDLE:
		return KA_OPT_IDLE;
	case TCP_KEEPINTVL:
		return KA_OPT_INTVL;
	case TCP_KEEPCNT:
		return KA_OPT_CNT;
	default:
		return KA_OPT_USER_TIMEOUT;
	}
}

/* Respect mode: remember the program's choice on a socket not yet decided. */
static void note_program_option(int fd, int level, int name)
{
	enum ka_fd_state state = ka_fd_get(fd);

	if (state == KA_FD_PENDING || state == KA_FD_UNKNOWN)
		ka_fd_add_program_option(fd, option_bit(level, name));
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
	if (!cfg->enabled)
		return false;
	wanted = managed_value(cfg, level, name);
	if (wanted < 0)
		return false;
	if (!cfg->force) {
		note_program_option(fd, level, name);
		return false;
	}
	if (value == NULL || len < (socklen_t)sizeof given)
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
