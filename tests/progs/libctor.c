/* A test library whose constructor makes a TCP socket and prints its
 * options on stderr as "libctor keepalive=...": loaded before libkeepalive,
 * or with constructors run before libkeepalive's, the socket must still be
 * configured, and nothing may crash. */
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockopts.h"

/* What the constructor found; kactor reads it, which also keeps the linker
 * from dropping a library the program would otherwise not use. */
int libctor_keepalive = -1;

__attribute__((constructor)) static void libctor_make_socket(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockopts o;

	if (fd < 0 || sockopts_read(fd, &o) != 0) {
		perror("libctor");
		return;
	}
	libctor_keepalive = o.keepalive;
	sockopts_print(stderr, "libctor", &o);
	close(fd);
}
