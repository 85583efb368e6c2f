/* Test helper, run WITHOUT the preload: plays the parent that hands a
 * listening socket to a program as fd 3, as systemd socket activation or a
 * supervisor does, then execs the program (which may be preloaded).
 *
 *   kalisten [-k IDLE] [-q N] [-K IDLE] PROG [ARG...]
 *
 *   -k IDLE  turn keepalive on at the listener, with this TCP_KEEPIDLE,
 *            before any client connects (queued connections inherit it)
 *   -q N     connect N clients that wait in the accept queue, unaccepted
 *   -K IDLE  the same as -k, after the clients connected (they lack it)
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"

static void keepalive_on(int fd, int idle)
{
	if (set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, idle) != 0 ||
	    set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1) != 0)
		die("setsockopt");
}

int main(int argc, char **argv)
{
	int fd = loopback_listener(true), i = 1;
	long queued = 0, before = 0, after = 0;
	struct sockaddr_in addr;

	for (; i + 1 < argc && argv[i][0] == '-' && strlen(argv[i]) == 2; i += 2) {
		long n = number_arg(argv[i + 1], 0, 32767);

		if (argv[i][1] == 'k')
			before = n;
		else if (argv[i][1] == 'q')
			queued = n;
		else if (argv[i][1] == 'K')
			after = n;
		else
			break;
	}
	if (i >= argc || argv[i][0] == '-')
		return fprintf(stderr, "usage: kalisten [-k IDLE] [-q N] [-K IDLE] PROG [ARG...]\n"), 2;
	if (local_address(fd, &addr) != 0)
		die("getsockname");
	if (before > 0)
		keepalive_on(fd, (int)before);
	while (queued-- > 0)
		(void)raw_client(&addr); /* inherited by PROG and kept open */
	if (after > 0)
		keepalive_on(fd, (int)after);
	if (fd != 3 && (dup2(fd, 3) != 3 || close(fd) != 0))
		die("dup2");
	execvp(argv[i], argv + i);
	die(argv[i]);
}
