/* Test helper run under the preload: accepts connections on a listener and
 * prints the keepalive options they carry. The listener is fd 3 (passed in,
 * as by socket activation) unless "own" creates one. Clients are made with
 * raw system calls, so the library sees only the accepting side.
 *
 * Words, executed in order:
 *   own          create the listener with socket() on 127.0.0.1 instead
 *   moved        move the listener (dup2) to the number of a socket made by
 *                socket() and just closed, as a descriptor received over
 *                SCM_RIGHTS may land
 *   accept4      accept with accept4(SOCK_NONBLOCK | SOCK_CLOEXEC) from now on
 *   off          the program turns SO_KEEPALIVE off on the listener
 *   idle N       the program sets TCP_KEEPIDLE N on the listener
 *   queue N      connect N clients and keep them open (they wait in the queue)
 *   accept N     accept N connections, printing "accepted keepalive=..." for each
 *   cycle N      N times: connect a client, accept, close both; reads no options
 *   listener     print "listener keepalive=..."
 *   mark TEXT    print "mark TEXT" (a write to find in strace's output)
 */
#include <config.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"
#include "sockopts.h"

static int listener = 3;
static bool use_accept4;

static int take(void)
{
	int conn;

	if (!use_accept4) {
		conn = accept(listener, NULL, NULL);
	} else {
		conn = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (conn >= 0 && (!(fcntl(conn, F_GETFL) & O_NONBLOCK) ||
				  !(fcntl(conn, F_GETFD) & FD_CLOEXEC))) {
			fprintf(stderr, "kaaccept: accept4 flags lost\n");
			_exit(1);
		}
	}
	if (conn < 0)
		die("accept");
	return conn;
}

static void client(void)
{
	struct sockaddr_in addr;

	if (local_address(listener, &addr) != 0)
		die("getsockname");
	(void)raw_client(&addr); /* left open until exit */
}

static void cycle(void)
{
	struct sockaddr_in addr;
	int c, conn;

	if (local_address(listener, &addr) != 0)
		die("getsockname");
	c = raw_client(&addr);
	conn = take();
	close(conn);
	close(c);
}

static void accept_and_show(void)
{
	int conn = take();

	sockopts_show("accepted", conn);
	close(conn);
}

/* Runs the word at argv[*i], consuming its argument; false if unknown. */
static bool run_word(int argc, char **argv, int *i)
{
	const char *w = argv[*i];
	long n;

	if (strcmp(w, "own") == 0) {
		listener = loopback_listener(false);
		return true;
	}
	if (strcmp(w, "moved") == 0) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		if (fd < 0 || close(fd) != 0 || dup2(listener, fd) != fd || close(listener) != 0)
			die("moved");
		listener = fd;
		return true;
	}
	if (strcmp(w, "accept4") == 0) {
		use_accept4 = true;
		return true;
	}
	if (strcmp(w, "off") == 0) {
		if (set_int(listener, SOL_SOCKET, SO_KEEPALIVE, 0) != 0)
			die("setsockopt");
		return true;
	}
	if (strcmp(w, "listener") == 0) {
		sockopts_show("listener", listener);
		return true;
	}
	if (*i + 1 >= argc)
		return false;
	if (strcmp(w, "mark") == 0) {
		printf("mark %s\n", argv[++*i]);
		return true;
	}
	n = number_arg(argv[++*i], 0, 100000);
	if (strcmp(w, "idle") == 0) {
		if (set_int(listener, IPPROTO_TCP, TCP_KEEPIDLE, (int)n) != 0)
			die("setsockopt");
	} else if (strcmp(w, "queue") == 0) {
		while (n-- > 0)
			client();
	} else if (strcmp(w, "accept") == 0) {
		while (n-- > 0)
			accept_and_show();
	} else if (strcmp(w, "cycle") == 0) {
		while (n-- > 0)
			cycle();
	} else {
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++)
		if (!run_word(argc, argv, &i))
			return fprintf(stderr, "kaaccept: bad word %s\n", argv[i]), 2;
	return 0;
}
