/* Test helper: runs socket(), connect(), accept() and setsockopt() calls
 * (all four are interposed) that succeed and calls that fail, and prints for
 * each "NAME ret=ok|-1 errno=NAME", where errno "sentinel" means the value
 * the program stored before the call was left untouched. Run with and
 * without the preload, the output must match. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"

#define SENTINEL 123456

static const struct {
	int code;
	const char *name;
} names[] = {
	{ SENTINEL, "sentinel" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT" }, { ECONNREFUSED, "ECONNREFUSED" },
	{ EINPROGRESS, "EINPROGRESS" }, { EBADF, "EBADF" }, { ENOTSOCK, "ENOTSOCK" },
	{ EINVAL, "EINVAL" }, { EAGAIN, "EAGAIN" },
};

static void report(const char *what, int ret)
{
	int e = errno;

	printf("%s ret=%s errno=", what, ret >= 0 ? "ok" : ret == -1 ? "-1" : "other");
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].code == e)
			return (void)printf("%s\n", names[i].name);
	printf("%d\n", e);
}

#define CHECK(what, call) \
	do { \
		errno = SENTINEL; \
		report(what, (call)); \
	} while (0)

static int connect_to(int fd, const struct sockaddr_in *addr)
{
	return connect(fd, (const struct sockaddr *)addr, sizeof *addr);
}

static void sockets(void)
{
	CHECK("socket-tcp", socket(AF_INET, SOCK_STREAM, 0));
	CHECK("socket-udp", socket(AF_INET, SOCK_DGRAM, 0));
	CHECK("socket-unix", socket(AF_UNIX, SOCK_STREAM, 0));
	CHECK("socket-bad-family", socket(12345, SOCK_STREAM, 0));
	CHECK("socket-bad-protocol", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
}

static void connects(int notsock)
{
	int listener = loopback_listener(false), holder;
	struct sockaddr_in open_addr, closed_addr;

	if (local_address(listener, &open_addr) != 0 || refused_address(&closed_addr, &holder) != 0)
		die("addresses");
	CHECK("connect", connect_to(socket(AF_INET, SOCK_STREAM, 0), &open_addr));
	CHECK("connect-raw", connect_to(raw_socket(AF_INET, SOCK_STREAM, 0), &open_addr));
	CHECK("connect-refused", connect_to(socket(AF_INET, SOCK_STREAM, 0), &closed_addr));
	CHECK("connect-raw-refused", connect_to(raw_socket(AF_INET, SOCK_STREAM, 0), &closed_addr));
	CHECK("connect-nonblock",
	      connect_to(raw_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), &open_addr));
	CHECK("connect-bad-fd", connect_to(-1, &open_addr));
	CHECK("connect-not-socket", connect_to(notsock, &open_addr));
}

static void accepts(int notsock)
{
	int mine = loopback_listener(false), foreign = loopback_listener(true);
	int idle = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a, b;

	if (local_address(mine, &a) != 0 || local_address(foreign, &b) != 0)
		die("getsockname");
	for (int i = 0; i < 2; i++) {
		(void)raw_client(&a);
		(void)raw_client(&b);
	}
	CHECK("accept", accept(mine, NULL, NULL));
	CHECK("accept4", accept4(mine, NULL, NULL, SOCK_NONBLOCK));
	CHECK("accept-foreign", accept(foreign, NULL, NULL));
	CHECK("accept4-foreign", accept4(foreign, NULL, NULL, SOCK_CLOEXEC));
	if (fcntl(mine, F_SETFL, O_NONBLOCK) != 0)
		die("fcntl");
	CHECK("accept-empty-nonblock", accept(mine, NULL, NULL));
	CHECK("accept-not-listening", accept(idle, NULL, NULL));
	CHECK("accept-bad-fd", accept(-1, NULL, NULL));
	CHECK("accept-not-socket", accept(notsock, NULL, NULL));
	CHECK("accept4-bad-flags", accept4(mine, NULL, NULL, 0x40000000));
}

static void setsockopts(int notsock)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), zero = 0;

	CHECK("setsockopt", set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 1));
	CHECK("setsockopt-off", set_int(fd, SOL_SOCKET, SO_KEEPALIVE, 0));
	CHECK("setsockopt-bad-fd", set_int(-1, SOL_SOCKET, SO_KEEPALIVE, 1));
	CHECK("setsockopt-not-socket", set_int(notsock, SOL_SOCKET, SO_KEEPALIVE, 1));
	CHECK("setsockopt-bad-value", set_int(fd, IPPROTO_TCP, TCP_KEEPIDLE, 0));
	CHECK("setsockopt-short", setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &zero, 1));
}

int main(void)
{
	int pipefd[2];

	if (pipe(pipefd) != 0)
		die("pipe");
	setvbuf(stdout, NULL, _IOLBF, 0);
	sockets();
	connects(pipefd[0]);
	accepts(pipefd[0]);
	setsockopts(pipefd[0]);
	return 0;
}
