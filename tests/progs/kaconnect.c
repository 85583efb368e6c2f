/* Test helper run under the preload: connects sockets the library did not
 * see created, or that the program set up itself, to a listener on
 * 127.0.0.1 and prints their keepalive options before and after connect().
 *
 *   kaconnect raw        socket made by syscall(SYS_socket)
 *   kaconnect raw-on N   the same, the program turned keepalive on, idle N
 *   kaconnect own-off    socket(); the program sets SO_KEEPALIVE 0, idle 45
 *   kaconnect own-on     socket(); the program sets SO_KEEPALIVE 1 only
 *   kaconnect reused     socket(), closed, then syscall(SYS_socket) reusing
 *                        its number
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"
#include "sockopts.h"

static int make(const char *how, const char *arg)
{
	int fd;

	if (strcmp(how, "raw") == 0 || strcmp(how, "raw-on") == 0) {
		fd = raw_socket(AF_INET, SOCK_STREAM, 0);
		if (fd >= 0 && arg != NULL &&
		    (set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1) != 0 ||
		     set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, (int)number_arg(arg, 1, 32767)) != 0))
			die("setsockopt");
	} else if (strcmp(how, "own-off") == 0) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd >= 0 && (set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 0) != 0 ||
				set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 45) != 0))
			die("setsockopt");
	} else if (strcmp(how, "own-on") == 0) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd >= 0 && set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1) != 0)
			die("setsockopt");
	} else if (strcmp(how, "reused") == 0) {
		int old = socket(AF_INET, SOCK_STREAM, 0);

		if (old < 0 || close(old) != 0)
			die("socket");
		fd = raw_socket(AF_INET, SOCK_STREAM, 0);
		if (fd != old)
			fprintf(stderr, "kaconnect: number %d not reused (got %d)\n", old, fd);
	} else {
		fprintf(stderr, "usage: kaconnect raw | raw-on IDLE | own-off | own-on | reused\n");
		_exit(2);
	}
	if (fd < 0)
		die("socket");
	return fd;
}

int main(int argc, char **argv)
{
	int listener = loopback_listener(true), fd;
	struct sockaddr_in addr;

	if (argc < 2)
		return fprintf(stderr, "usage: kaconnect raw | raw-on IDLE | own-off | own-on | reused\n"), 2;
	fd = make(argv[1], argc > 2 ? argv[2] : NULL);
	sockopts_show("before", fd);
	if (local_address(listener, &addr) != 0 ||
	    connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
		die("connect");
	sockopts_show("after", fd);
	return 0;
}
