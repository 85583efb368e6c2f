/* The process environment, read and changed through environ directly.
 *
 * getenv() is not async-signal-safe in every libc, and a program may define
 * its own getenv/setenv/unsetenv (bash does: before its main() they work on
 * bash's own table, not on environ), so the library never calls them. */
#ifndef KA_ENVIRON_H
#define KA_ENVIRON_H

#include <stdbool.h>

/* The value of NAME, or NULL. Async-signal-safe. */
const char *ka_env_get(const char *name);

/* From the constructor only: removes every entry named in names (a
 * NULL-terminated list), with or without a '=', keeping the order of the
 * rest; sets NAME to VALUE, adding it if missing. The strings and an array
 * grown for them are allocated once and never freed, as setenv's are. */
void ka_env_remove(const char *const *names);
bool ka_env_set(const char *name, const char *value);

#endif
