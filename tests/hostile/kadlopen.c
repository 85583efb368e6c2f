/* The library loaded with dlopen() after start instead of preloaded:
 *
 *   kadlopen LIBRARY local|global
 *
 * prints the options of a socket made by a direct call to socket() after the
 * dlopen ("direct ..."), and of one made through the library's own socket
 * found with dlsym(handle, "socket") ("dlsym ..."). The first is untouched:
 * the program's calls were bound to the C library, which comes before a
 * dlopen()ed object in the global scope even with RTLD_GLOBAL. The second
 * is configured: RTLD_NEXT, seen from a dlopen()ed object, finds the next
 * definition after it in its own lookup scope (its dependency, the C library). */
#include <config.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "sockopts.h"

int main(int argc, char **argv)
{
	int (*lib_socket)(int, int, int);
	void *handle;
	int fd;

	if (argc != 3 || (strcmp(argv[2], "local") != 0 && strcmp(argv[2], "global") != 0)) {
		fprintf(stderr, "usage: kadlopen LIBRARY local|global\n");
		return 2;
	}
	handle = dlopen(argv[1], RTLD_NOW | (strcmp(argv[2], "global") == 0 ? RTLD_GLOBAL : RTLD_LOCAL));
	if (handle == NULL) {
		fprintf(stderr, "kadlopen: %s\n", dlerror());
		return 1;
	}
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return perror("socket"), 1;
	sockopts_show("direct", fd);

	*(void **)&lib_socket = dlsym(handle, "socket");
	if (lib_socket == NULL) {
		fprintf(stderr, "kadlopen: %s\n", dlerror());
		return 1;
	}
	fd = lib_socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return perror("socket through dlsym"), 1;
	sockopts_show("dlsym", fd);
	return dlclose(handle) == 0 ? 0 : 1;
}
