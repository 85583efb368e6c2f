/* Test helper run under the preload (and strace): makes, connects and
 * accepts N sockets in four phases, each ended by a line "mark PHASE" (a
 * write to find in strace's output), so that the system calls of each can
 * be counted:
 *
 *   socket    N x socket() and close()
 *   connect   N x socket() and connect() to a listener made by a raw system
 *             call, whose side accepts by raw system calls
 *   accept    N x accept() on a listener made by socket(), raw clients
 *   foreign   N x accept() on a listener made by a raw system call
 *
 * Listeners stay open, so that no number is reused behind the library's back.
 *
 *   kaloop N
 */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawnet.h"

static int raw_accept(int listener)
{
	return (int)syscall(SYS_accept4, listener, NULL, NULL, 0);
}

static void client_of(int listener, int *client, struct sockaddr_in *addr)
{
	if (local_address(listener, addr) != 0)
		die("getsockname");
	*client = raw_client(addr);
}

static void accept_phase(int listener, long n)
{
	struct sockaddr_in addr;

	while (n-- > 0) {
		int client, conn;

		client_of(listener, &client, &addr);
		conn = accept(listener, NULL, NULL);
		if (conn < 0)
			die("accept");
		close(conn);
		close(client);
	}
}

int main(int argc, char **argv)
{
	long n = argc == 2 ? number_arg(argv[1], 1, 100000) : 0, i;
	struct sockaddr_in addr;
	int listener;

	if (n == 0)
		return fprintf(stderr, "usage: kaloop N\n"), 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("mark start\n");
	for (i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		if (fd < 0)
			die("socket");
		close(fd);
	}
	printf("mark socket\n");

	listener = loopback_listener(true);
	if (local_address(listener, &addr) != 0)
		die("getsockname");
	printf("mark listener\n");
	for (i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0), conn;

		if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
			die("connect");
		if ((conn = raw_accept(listener)) < 0)
			die("raw accept");
		close(conn);
		close(fd);
	}
	printf("mark connect\n");

	listener = loopback_listener(false);
	printf("mark own\n");
	accept_phase(listener, n);
	printf("mark accept\n");

	listener = loopback_listener(true);
	printf("mark raw\n");
	accept_phase(listener, n);
	printf("mark foreign\n");
	return 0;
}
