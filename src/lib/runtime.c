/* The settings of this process: parsed once, from the first hook that needs
 * them or from our constructor, whichever comes first. */
#include <config.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "environ.h"
#include "runtime.h"

enum { NOT_LOADED, LOADING, LOADED };

static struct ka_config loaded;
static int load_state = NOT_LOADED;

static const char *environment_lookup(const char *name, void *ctx)
{
	(void)ctx;
	return ka_env_get(name);
}

bool ka_runtime_not_owner(const struct ka_config *cfg)
{
	return !cfg->inherit && cfg->owner_pid != 0 && cfg->owner_pid != (long long)getpid();
}

static void load(struct ka_config *cfg)
{
	int saved_errno = errno; /* the parser's strtoll may set it */

	ka_config_load(cfg, environment_lookup, NULL);
	/* KEEPALIVE_INHERIT=no: a process started by the one we were set up
	 * for (a fork followed by exec) runs without us. */
	if (ka_runtime_not_owner(cfg))
		cfg->enabled = false;
	errno = saved_errno;
}

const struct ka_config *ka_runtime_settings(struct ka_config *scratch)
{
	int expected = NOT_LOADED;

	if (__atomic_load_n(&load_state, __ATOMIC_ACQUIRE) == LOADED)
		return &loaded;
	if (__atomic_compare_exchange_n(&load_state, &expected, LOADING, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		load(&loaded);
		__atomic_store_n(&load_state, LOADED, __ATOMIC_RELEASE);
		return &loaded;
	}
	if (expected == LOADED)
		return &loaded;
	load(scratch);
	return scratch;
}
