/* The process environment, read and changed through environ directly.
 *
 * getenv() is not async-signal-safe in every libc, and a program may define
 * its own getenv/setenv/unsetenv (bash does: before its main() they work on
 * bash's own table, not on environ), so the library never calls them. */
#ifndef KA_ENVIRON_H
#define KA_ENVIRON_H

#include <stdbool.h>

#include "parse.h"

/* The value of NAME, or NULL. Async-signal-safe. */
const char *ka_env_get(const char *name);

/* The value in entry when it is NAME=VALUE, or NULL. */
static inline const char *ka_env_value(const char *entry, const char *name)
{
	const char *rest = ka_after_prefix(entry, name);

	return rest != NULL && *rest == '=' ? rest + 1 : NULL;
}

/* From the constructor only: removes every entry named in names (a
 * NULL-terminated list), with or without a '=', keeping the order of the
 * rest; sets NAME to VALUE, adding it if missing. The strings and an array
 * grown for them are allocated once and never freed, as setenv's are. */
void ka_env_remove(const char *const *names);
bool ka_env_set(const char *name, const char *value);

#endif
