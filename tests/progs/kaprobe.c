/* Test helper run under the preload: makes sockets the way programs do and
 * prints what keepalive options they ended up with.
 *
 *   kaprobe socket tcp4|tcp6|udp4|unix [nonblock]   a new socket
 *   kaprobe fd N                                    an inherited descriptor
 *   kaprobe pair [PORT]                             listener, client, accepted
 *                                                   connection on 127.0.0.1
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockopts.h"

static int die(const char *what)
{
	perror(what);
	return 1;
}

static int show(const char *label, int fd)
{
	struct sockopts o;

	if (sockopts_read(fd, &o) != 0)
		return die("getsockopt");
	sockopts_print(stdout, label, &o);
	return 0;
}

static int cmd_socket(const char *kind, const char *flag)
{
	int extra = flag && strcmp(flag, "nonblock") == 0 ? SOCK_NONBLOCK | SOCK_CLOEXEC : 0;
	int fd;

	if (strcmp(kind, "tcp4") == 0)
		fd = socket(AF_INET, SOCK_STREAM | extra, 0);
	else if (strcmp(kind, "tcp6") == 0)
		fd = socket(AF_INET6, SOCK_STREAM | extra, IPPROTO_TCP);
	else if (strcmp(kind, "udp4") == 0)
		fd = socket(AF_INET, SOCK_DGRAM | extra, 0);
	else if (strcmp(kind, "unix") == 0)
		fd = socket(AF_UNIX, SOCK_STREAM | extra, 0);
	else
		return fprintf(stderr, "kaprobe: unknown socket kind %s\n", kind), 2;
	if (fd < 0)
		return die("socket");
	return show(NULL, fd);
}

static int cmd_pair(int port)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	socklen_t len = sizeof addr;
	int one = 1, listener, client, conn;

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0)
		return die("socket");
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(listener, 16) != 0 ||
	    getsockname(listener, (struct sockaddr *)&addr, &len) != 0)
		return die("bind/listen");
	client = socket(AF_INET, SOCK_STREAM, 0);
	if (client < 0 || connect(client, (struct sockaddr *)&addr, sizeof addr) != 0)
		return die("connect");
	conn = accept(listener, NULL, NULL);
	if (conn < 0)
		return die("accept");
	return show("listener", listener) || show("client", client) || show("accepted", conn);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "socket") == 0)
		return cmd_socket(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc == 3 && strcmp(argv[1], "fd") == 0)
		return show(NULL, (int)strtol(argv[2], NULL, 10));
	if (argc >= 2 && strcmp(argv[1], "pair") == 0)
		return cmd_pair(argc > 2 ? (int)strtol(argv[2], NULL, 10) : 0);
	fprintf(stderr, "usage: kaprobe socket KIND [nonblock] | fd N | pair [PORT]\n");
	return 2;
}
