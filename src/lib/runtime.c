/* The settings of this process: parsed once, from the first hook that needs
 * them or from our constructor, whichever comes first. */
#include <config.h>

#include <unistd.h>

#include "environ.h"
#include "parse.h"
#include "runtime.h"

enum { NOT_LOADED, LOADING, LOADED };

static struct ka_config loaded;
static int load_state = NOT_LOADED;

extern char **environ;

/* Every variable the settings are read from starts with one of these
 * (KEEPALIVE_..., libkeepalive 0.3's KEEP..., libdontdie's DD_...), and
 * socket activation's with LISTEN_PID. */
static bool may_be_read(const char *entry)
{
	return ka_after_prefix(entry, "KEEP") != NULL || ka_after_prefix(entry, "DD_") != NULL;
}

bool ka_runtime_environment_set(void)
{
	for (char **e = environ; e != NULL && *e != NULL; e++)
		if (may_be_read(*e) || ka_after_prefix(*e, "LISTEN_PID=") != NULL)
			return true;
	return false;
}

/* The entries the settings may be read from, picked in one pass over the
 * environment: each of the twenty-odd names is then looked up among these
 * few instead of the whole environment. On the stack: async-signal-safe. */
#define KA_CANDIDATES_MAX 32

struct candidates {
	const char *entry[KA_CANDIDATES_MAX];
	int n;
	bool all; /* too many: look in the whole environment */
};

static void pick_candidates(struct candidates *c)
{
	c->n = 0;
	c->all = false;
	for (char **e = environ; e != NULL && *e != NULL; e++) {
		if (!may_be_read(*e))
			continue;
		if (c->n == KA_CANDIDATES_MAX) {
			c->all = true;
			return;
		}
		c->entry[c->n++] = *e;
	}
}

static const char *environment_lookup(const char *name, void *ctx)
{
	const struct candidates *c = ctx;
	const char *value = NULL;

	if (c->all)
		return ka_env_get(name);
	for (int i = 0; value == NULL && i < c->n; i++)
		value = ka_env_value(c->entry[i], name);
	return value;
}

bool ka_runtime_not_owner(const struct ka_config *cfg)
{
	return !cfg->inherit && cfg->owner_pid != 0 && cfg->owner_pid != (long long)getpid();
}

static void load(struct ka_config *cfg)
{
	struct candidates candidates;

	pick_candidates(&candidates);
	ka_config_load(cfg, environment_lookup, &candidates);
	/* KEEPALIVE_INHERIT=no: a process started by the one we were set up
	 * for (a fork followed by exec) runs without us. */
	if (ka_runtime_not_owner(cfg))
		cfg->enabled = false;
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
