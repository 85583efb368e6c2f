/* Test helper run under the preload: a program that undoes keepalive on its
 * own sockets with setsockopt(), and other setsockopt() calls that succeed or
 * fail. Prints "NAME ret=0|-1 errno=NAME" for each call, where errno
 * "sentinel" means the value stored before the call was left untouched,
 * then the socket's options ("final keepalive=..."). The calls that are
 * none of the library's business come first, those undoing keepalive last.
 *
 *   kaforce socket     a socket() connected to a listener on 127.0.0.1
 *                      after the calls
 *   kaforce accepted   a connection accepted on a listener made by socket()
 *   kaforce raw        a socket made by syscall(SYS_socket), connected after
 *   kaforce unix       a UNIX socket pair whose number was a TCP socket's
 *                      (closed before): TCP options fail there
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"
#include "sockopts.h"

#define SENTINEL 123456

static void report(const char *what, int ret)
{
	int e = errno;

	printf("%s ret=%s errno=", what, ret == 0 ? "0" : ret == -1 ? "-1" : "other");
	if (e == SENTINEL)
		printf("sentinel\n");
	else if (e == EINVAL)
		printf("EINVAL\n");
	else if (e == EBADF)
		printf("EBADF\n");
	else if (e == EFAULT)
		printf("EFAULT\n");
	else if (e == EOPNOTSUPP)
		printf("EOPNOTSUPP\n");
	else
		printf("%d\n", e);
}

static void call(const char *what, int fd, int level, int name, int value, socklen_t len)
{
	errno = SENTINEL;
	report(what, setsockopt(fd, level, name, &value, len));
}

/* What a program that wants no keepalive, or its own timers, does. */
static void undo_keepalive(int fd)
{
	call("SO_KEEPALIVE=0", fd, SOL_SOCKET, SO_KEEPALIVE, 0, sizeof(int));
	call("TCP_KEEPIDLE=7200", fd, IPPROTO_TCP, TCP_KEEPIDLE, 7200, sizeof(int));
	call("TCP_KEEPINTVL=75", fd, IPPROTO_TCP, TCP_KEEPINTVL, 75, sizeof(int));
	call("TCP_KEEPCNT=9", fd, IPPROTO_TCP, TCP_KEEPCNT, 9, sizeof(int));
	call("TCP_USER_TIMEOUT=1234", fd, IPPROTO_TCP, TCP_USER_TIMEOUT, 1234, sizeof(int));
}

/* Calls that are none of our business: results and errno as without us. */
static void other_calls(int fd)
{
	call("SO_REUSEADDR=1", fd, SOL_SOCKET, SO_REUSEADDR, 1, sizeof(int));
	call("TCP_NODELAY=1", fd, IPPROTO_TCP, TCP_NODELAY, 1, sizeof(int));
	call("TCP_NODELAY/short", fd, IPPROTO_TCP, TCP_NODELAY, 1, 1);
	call("SO_KEEPALIVE=0/short", fd, SOL_SOCKET, SO_KEEPALIVE, 0, 1);
	call("SO_KEEPALIVE=1", fd, SOL_SOCKET, SO_KEEPALIVE, 1, sizeof(int));
	call("SO_KEEPALIVE=0/badfd", -1, SOL_SOCKET, SO_KEEPALIVE, 0, sizeof(int));
	errno = SENTINEL;
	report("TCP_KEEPIDLE/null", setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, NULL, sizeof(int)));
}

static void show(const char *label, int fd)
{
	struct sockopts o;

	if (sockopts_read(fd, &o) != 0)
		die("getsockopt");
	sockopts_print(stdout, label, &o);
}

static void connect_to(int fd, int listener)
{
	struct sockaddr_in addr;

	if (local_address(listener, &addr) != 0 ||
	    connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
		die("connect");
}

int main(int argc, char **argv)
{
	const char *how = argc == 2 ? argv[1] : "";
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(how, "socket") == 0 || strcmp(how, "raw") == 0) {
		int listener = loopback_listener(true);

		fd = how[0] == 's' ? socket(AF_INET, SOCK_STREAM, 0) : raw_socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			die("socket");
		other_calls(fd);
		undo_keepalive(fd);
		connect_to(fd, listener);
	} else if (strcmp(how, "accepted") == 0) {
		int listener = loopback_listener(false);
		struct sockaddr_in addr;

		if (local_address(listener, &addr) != 0)
			die("getsockname");
		(void)raw_client(&addr);
		fd = accept(listener, NULL, NULL);
		if (fd < 0)
			die("accept");
		other_calls(fd);
		undo_keepalive(fd);
	} else if (strcmp(how, "unix") == 0) {
		int sv[2], old = socket(AF_INET, SOCK_STREAM, 0);

		if (old < 0 || close(old) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
			die("socket");
		if (sv[0] != old)
			fprintf(stderr, "kaforce: number %d not reused (got %d)\n", old, sv[0]);
		call("unix TCP_KEEPIDLE=7200", sv[0], IPPROTO_TCP, TCP_KEEPIDLE, 7200, sizeof(int));
		call("unix SO_KEEPALIVE=0", sv[0], SOL_SOCKET, SO_KEEPALIVE, 0, sizeof(int));
		fd = sv[0];
	} else {
		fprintf(stderr, "usage: kaforce socket | accepted | raw | unix\n");
		return 2;
	}
	show("final", fd);
	return 0;
}
