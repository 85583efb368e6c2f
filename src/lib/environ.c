/* The process environment, read and changed through environ directly. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "environ.h"

extern char **environ;

/* Whether entry is NAME=... or, malformed, just NAME. */
static bool entry_is(const char *entry, const char *name)
{
	const char *rest = ka_after_prefix(entry, name);

	return rest != NULL && (*rest == '=' || *rest == '\0');
}

const char *ka_env_get(const char *name)
{
	const char *value = NULL;

	for (char **e = environ; value == NULL && e != NULL && *e != NULL; e++)
		value = ka_env_value(*e, name);
	return value;
}

void ka_env_remove(const char *const *names)
{
	char **out = environ;

	if (environ == NULL)
		return;
	for (char **e = environ; *e != NULL; e++) {
		bool drop = false;

		for (const char *const *name = names; *name != NULL && !drop; name++)
			drop = entry_is(*e, *name);
		if (!drop)
			*out++ = *e;
	}
	*out = NULL;
}

bool ka_env_set(const char *name, const char *value)
{
	size_t n = strlen(name), count = 0;
	char *entry = malloc(n + strlen(value) + 2), **grown;

	if (entry == NULL)
		return false;
	memcpy(entry, name, n);
	entry[n] = '=';
	strcpy(entry + n + 1, value);
	for (char **e = environ; e != NULL && *e != NULL; e++, count++) {
		if (entry_is(*e, name)) {
			*e = entry;
			return true;
		}
	}
	grown = malloc((count + 2) * sizeof *grown);
	if (grown == NULL) {
		free(entry);
		return false;
	}
	if (count > 0)
		memcpy(grown, environ, count * sizeof *grown);
	grown[count] = entry;
	grown[count + 1] = NULL;
	environ = grown;
	return true;
}
