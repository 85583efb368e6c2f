/* The settings of this process: parsed once, from the first hook that needs
 * them or from our constructor, whichever comes first. Messages are written
 * only by the constructor, where writing to stderr or syslog is safe. */
#include <config.h>

#include <string.h>

#include "log.h"
#include "runtime.h"

extern char **environ;

enum { NOT_LOADED, LOADING, LOADED };

static struct ka_config loaded;
static int load_state = NOT_LOADED;

/* getenv() is not async-signal-safe in every libc; a scan of environ is. */
static const char *environment_lookup(const char *name, void *ctx)
{
	size_t n = strlen(name);

	(void)ctx;
	for (char **e = environ; e != NULL && *e != NULL; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

const struct ka_config *ka_runtime_settings(struct ka_config *scratch)
{
	int expected = NOT_LOADED;

	if (__atomic_load_n(&load_state, __ATOMIC_ACQUIRE) == LOADED)
		return &loaded;
	if (__atomic_compare_exchange_n(&load_state, &expected, LOADING, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		ka_config_load(&loaded, environment_lookup, NULL);
		__atomic_store_n(&load_state, LOADED, __ATOMIC_RELEASE);
		return &loaded;
	}
	if (expected == LOADED)
		return &loaded;
	ka_config_load(scratch, environment_lookup, NULL);
	return scratch;
}

__attribute__((constructor)) static void ka_runtime_init(void)
{
	struct ka_config scratch;

	ka_log_startup(ka_runtime_settings(&scratch));
}
