/* The library's path and its place in LD_PRELOAD. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "preload.h"
#include "settings.h"

#ifndef KA_LIBDIR
#error "KA_LIBDIR (the installed library's directory) must be defined"
#endif

/* ld.so splits LD_PRELOAD at spaces and colons (ld.so(8)). */
static const char separators[] = " :";

bool ka_library_find(struct ka_library *lib)
{
	const char *path = getenv(KA_LIBRARY_VARIABLE);

	if (path != NULL && *path != '\0') {
		lib->path = path;
		lib->origin = "environment " KA_LIBRARY_VARIABLE;
	} else {
		lib->path = KA_LIBDIR "/libkeepalive.so";
		lib->origin = "installed";
	}
	if (lib->path[0] != '/' || strpbrk(lib->path, separators) != NULL) {
		fprintf(stderr,
			"keepalive: library '%s' (%s) must be an absolute path without "
			"spaces or colons\n", lib->path, lib->origin);
		return false;
	}
	lib->error = access(lib->path, R_OK) == 0 ? 0 : errno;
	return true;
}

static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return true;
	return strchr(a, '/') != NULL && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	       sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether one of the entries of list names the library (by path or by file). */
static bool listed(const char *library, const char *list)
{
	char entry[4096];

	while (*list != '\0') {
		size_t n = strcspn(list, separators);

		if (n > 0 && n < sizeof entry) {
			memcpy(entry, list, n);
			entry[n] = '\0';
			if (same_file(entry, library))
				return true;
		}
		list += n;
		list += strspn(list, separators);
	}
	return false;
}

char *ka_preload_compose(const char *library, const char *existing)
{
	size_t len;
	char *out;

	if (existing == NULL || existing[strspn(existing, separators)] == '\0')
		return strdup(library);
	if (listed(library, existing))
		return strdup(existing);
	len = strlen(library) + 1 + strlen(existing) + 1;
	out = malloc(len);
	if (out != NULL)
		snprintf(out, len, "%s:%s", library, existing);
	return out;
}

bool ka_library_version(const char *path, char *buf, size_t len)
{
	static const char marker[] = KA_VERSION_MARKER;
	struct stat st;
	bool found = false;
	char *file;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > (64 << 20) ||
	    (file = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
		close(fd);
		return false;
	}
	/* The string stands alone in .rodata: NUL, the marker, a digit. */
	for (char *p = file + 1; !found && (size_t)(p - file) + sizeof marker < (size_t)st.st_size;
	     p++) {
		char *end = p + sizeof marker - 1;

		if (p[-1] != '\0' || memcmp(p, marker, sizeof marker - 1) != 0 || *end < '0' ||
		    *end > '9')
			continue;
		while ((end - file) < st.st_size && *end != '\0')
			end++;
		if ((end - file) < st.st_size && (size_t)(end - p) < len) {
			memcpy(buf, p + sizeof marker - 1, (size_t)(end - p) - (sizeof marker - 1));
			buf[(end - p) - (sizeof marker - 1)] = '\0';
			found = true;
		}
	}
	munmap(file, (size_t)st.st_size);
	close(fd);
	return found;
}
