/* Test helper, run WITHOUT the preload: plays the parent that hands a
 * listening socket to a program as fd 3, as a supervisor or systemd socket
 * activation does, then execs the program (which may be preloaded).
 *
 *   kalisten [-k IDLE] [-q N] [-K IDLE] [-s] [-a] PROG [ARG...]
 *
 *   -k IDLE  turn keepalive on at the listener, with this TCP_KEEPIDLE,
 *            before any client connects (queued connections inherit it)
 *   -q N     connect N clients that wait in the accept queue, unaccepted
 *   -K IDLE  the same as -k, after the clients connected (they lack it)
 *   -s       announce fd 3 as systemd does: LISTEN_FDS=1, LISTEN_PID=pid
 *   -a       pass the first queued connection as fd 3 instead of the
 *            listener (systemd's Accept=yes)
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"

static void keepalive_on(int fd, int idle)
{
	if (set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, idle) != 0 ||
	    set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1) != 0)
		die("setsockopt");
}

/* The process keeps its id through exec: the program will be LISTEN_PID. */
static void announce(void)
{
	char pid[24];

	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	if (setenv("LISTEN_FDS", "1", 1) != 0 || setenv("LISTEN_PID", pid, 1) != 0)
		die("setenv");
}

int main(int argc, char **argv)
{
	int fd = loopback_listener(true), opt;
	long queued = 0, before = 0, after = 0;
	bool activation = false, pass_connection = false;
	struct sockaddr_in addr;

	while ((opt = getopt(argc, argv, "+k:q:K:sa")) != -1) {
		switch (opt) {
		case 'k':
			before = number_arg(optarg, 1, 32767);
			break;
		case 'q':
			queued = number_arg(optarg, 0, 1000);
			break;
		case 'K':
			after = number_arg(optarg, 1, 32767);
			break;
		case 's':
			activation = true;
			break;
		case 'a':
			pass_connection = true;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc)
		return fprintf(stderr, "usage: kalisten [-k IDLE] [-q N] [-K IDLE] [-s] [-a] "
				       "PROG [ARG...]\n"), 2;
	if (local_address(fd, &addr) != 0)
		die("getsockname");
	if (before > 0)
		keepalive_on(fd, (int)before);
	while (queued-- > 0)
		(void)raw_client(&addr); /* inherited by PROG and kept open */
	if (after > 0)
		keepalive_on(fd, (int)after);
	if (pass_connection) {
		int conn = accept(fd, NULL, NULL);

		if (conn < 0 || close(fd) != 0)
			die("accept");
		fd = conn;
	}
	if (fd != 3 && (dup2(fd, 3) != 3 || close(fd) != 0))
		die("dup2");
	if (activation)
		announce();
	execvp(argv[optind], argv + optind);
	die(argv[optind]);
}
