/* Test helper for keepalive --pid, linked statically (the library cannot
 * reach it): a server, or a client holding many connections, that waits in
 * poll() and reports on its standard output.
 *
 *   kapidserver listen ADDR PORT [own]   listen (PORT 0: any), print "port N",
 *                                        accept connections; "own": set the
 *                                        program's own keepalive on each
 *                                        (SO_KEEPALIVE, idle and intvl 15 s,
 *                                        as Go does)
 *   kapidserver connect ADDR PORT N      make N connections, print "connected N"
 *
 * Either prints "error fd=N MESSAGE" or "eof fd=N" when a connection ends,
 * and, for each byte read on standard input (the test's own path to the
 * values, no signal), "fd=N keepalive=1 idle=1 ..." for the listener and
 * each connection, then "alive N" and "end". */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockopts.h"

static struct pollfd *fds; /* [0] stdin, [1] the listener or unused, then connections */
static size_t nfds, size;

static void add(int fd)
{
	if (nfds == size) {
		size = size ? 2 * size : 1024;
		fds = realloc(fds, size * sizeof *fds);
		if (fds == NULL) {
			perror("realloc");
			exit(1);
		}
	}
	fds[nfds++] = (struct pollfd){ fd, POLLIN, 0 };
}

static socklen_t address(const char *host, int port, struct sockaddr_storage *ss)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, host, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
		in->sin_port = htons((unsigned short)port);
		return sizeof *in;
	}
	if (inet_pton(AF_INET6, host, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((unsigned short)port);
		return sizeof *in6;
	}
	fprintf(stderr, "kapidserver: bad address %s\n", host);
	exit(2);
}

static void own_keepalive(int fd)
{
	int on = 1, fifteen = 15;

	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &fifteen, sizeof fifteen);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &fifteen, sizeof fifteen);
}

static void report(void)
{
	for (size_t i = 1; i < nfds; i++) {
		char label[32];

		if (fds[i].fd < 0)
			continue;
		snprintf(label, sizeof label, "fd=%d", fds[i].fd);
		sockopts_show(label, fds[i].fd);
	}
	printf("alive %zu\nend\n", nfds - 2);
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	struct sockaddr_storage ss;
	socklen_t len;
	bool listening, own;
	int fd;

	if (argc < 4) {
		fprintf(stderr, "usage: kapidserver listen|connect ADDR PORT [own|N]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	/* Many connections: as many descriptors as allowed. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	listening = strcmp(argv[1], "listen") == 0;
	own = listening && argc > 4 && strcmp(argv[4], "own") == 0;
	len = address(argv[2], atoi(argv[3]), &ss);
	add(0);
	if (listening) {
		int one = 1;

		fd = socket(ss.ss_family, SOCK_STREAM, 0);
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (fd < 0 || bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 4096) != 0) {
			perror("kapidserver: listen");
			return 1;
		}
		len = sizeof ss;
		getsockname(fd, (struct sockaddr *)&ss, &len);
		printf("port %d\n", ntohs(((struct sockaddr_in *)&ss)->sin_port));
		add(fd);
	} else {
		int n = atoi(argv[4]);

		add(-1);
		for (int i = 0; i < n; i++) {
			fd = socket(ss.ss_family, SOCK_STREAM, 0);
			if (fd < 0 || connect(fd, (struct sockaddr *)&ss, len) != 0) {
				perror("kapidserver: connect");
				return 1;
			}
			add(fd);
		}
		printf("connected %d\n", n);
	}
	for (;;) {
		size_t n = nfds;

		if (poll(fds, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("poll");
			return 1;
		}
		for (size_t i = 0; i < n; i++) {
			char buf[256];
			ssize_t got;

			if (fds[i].fd < 0 || fds[i].revents == 0)
				continue;
			if (i == 1) {
				fd = accept(fds[1].fd, NULL, NULL);
				if (fd >= 0) {
					if (own)
						own_keepalive(fd);
					add(fd);
				}
				continue;
			}
			got = read(fds[i].fd, buf, sizeof buf);
			if (i == 0) {
				if (got <= 0)
					fds[0].fd = -1;
				else
					report();
				continue;
			}
			if (got > 0)
				continue;
			if (got < 0)
				printf("error fd=%d %s\n", fds[i].fd, strerror(errno));
			else
				printf("eof fd=%d\n", fds[i].fd);
			close(fds[i].fd);
			fds[i] = fds[--nfds];
			if (i < n && nfds < n)
				n = nfds;
			i--;
		}
	}
}
