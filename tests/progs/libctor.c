/* A test library whose constructor makes a TCP socket and prints its
 * options on stderr as "libctor keepalive=...": loaded before libkeepalive,
 * or with constructors run before libkeepalive's, the socket must still be
 * configured, errno must stay as it was (else "libctor errno changed" is
 * printed), and nothing may crash. */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockopts.h"

/* What the constructor found; kactor reads it, which also keeps the linker
 * from dropping a library the program would otherwise not use. */
int libctor_keepalive = -1;

__attribute__((constructor)) static void libctor_make_socket(void)
{
	struct sockopts o;
	int fd;

	errno = 4242;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd >= 0 && errno != 4242)
		fprintf(stderr, "libctor errno changed to %d by a socket() that succeeded\n", errno);
	if (fd < 0 || sockopts_read(fd, &o) != 0) {
		perror("libctor");
		return;
	}
	libctor_keepalive = o.keepalive;
	sockopts_print(stderr, "libctor", &o);
	close(fd);
}
