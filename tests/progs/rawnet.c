#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawnet.h"

int raw_socket(int domain, int type, int protocol)
{
	return (int)syscall(SYS_socket, domain, type, protocol);
}

int raw_connect(int fd, const struct sockaddr_in *addr)
{
	return (int)syscall(SYS_connect, fd, addr, sizeof *addr);
}

int raw_client(const struct sockaddr_in *addr)
{
	int fd = raw_socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || raw_connect(fd, addr) != 0)
		die("raw client");
	return fd;
}

int loopback_listener(bool raw)
{
	struct sockaddr_in addr = { .sin_family = AF_INET };
	int fd = raw ? raw_socket(AF_INET, SOCK_STREAM, 0) : socket(AF_INET, SOCK_STREAM, 0);

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 128) != 0)
		die("listener");
	return fd;
}

int local_address(int fd, struct sockaddr_in *addr)
{
	socklen_t len = sizeof *addr;

	return getsockname(fd, (struct sockaddr *)addr, &len);
}

int refused_address(struct sockaddr_in *addr, int *holder)
{
	addr->sin_family = AF_INET;
	addr->sin_port = 0;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	*holder = raw_socket(AF_INET, SOCK_STREAM, 0);
	if (*holder < 0 || bind(*holder, (struct sockaddr *)addr, sizeof *addr) != 0)
		return -1;
	return local_address(*holder, addr);
}

int set_int(int fd, int level, int name, int value)
{
	return setsockopt(fd, level, name, &value, sizeof value);
}

long number_arg(const char *text, long min, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || n < min || n > max) {
		fprintf(stderr, "not a number from %ld to %ld: %s\n", min, max, text);
		exit(2);
	}
	return n;
}

void die(const char *what)
{
	perror(what);
	exit(1);
}
