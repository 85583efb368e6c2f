/* Which library to preload, and the LD_PRELOAD that loads it first. */
#ifndef KA_PRELOAD_H
#define KA_PRELOAD_H

#include <stdbool.h>
#include <stddef.h>

/* The variable that names an uninstalled library (tests, trying a build). */
#define KA_LIBRARY_VARIABLE "KEEPALIVE_LIBRARY"

struct ka_library {
	const char *path;   /* absolute */
	const char *origin; /* "environment KEEPALIVE_LIBRARY" or "installed" */
	int error;          /* errno from checking it, 0 when usable */
};

/* Finds the library; returns false with a message when its path cannot go
 * into LD_PRELOAD (relative, or containing a separator). */
bool ka_library_find(struct ka_library *lib);

/* The new LD_PRELOAD: the library first, then what was there, unless it is
 * already there. Returns NULL when out of memory. */
char *ka_preload_compose(const char *library, const char *existing);

/* The version the library's file carries ("1.0.0"); false when it carries
 * none (not this project's library, or another version's file). */
bool ka_library_version(const char *path, char *buf, size_t len);

#endif
