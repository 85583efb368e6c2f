/* Times the socket calls a preload library interposes, in a loop.
 *
 *   sockloop socket N   N times socket(AF_INET, SOCK_STREAM) + close()
 *   sockloop byhand N   the same with the five options a shim sets made by
 *                       hand in between (SO_KEEPALIVE, TCP_KEEPIDLE,
 *                       TCP_KEEPINTVL, TCP_KEEPCNT, TCP_USER_TIMEOUT): the
 *                       floor of any library that sets them at socket()
 *   sockloop pair N     N loopback connections: socket, connect, accept, close both
 *   sockloop accept N   as pair, but the client side uses raw system calls, so
 *                       that only the accepting side goes through the preload
 *
 * Prints the mean time of one iteration in nanoseconds, after a warm-up that
 * lets lazy symbol resolution and settings parsing happen outside the timing.
 * The accepted side is closed first: its TIME_WAIT stays on the listener's
 * port, and no ephemeral port is held back from other programs. */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"

#define WARMUP 200

static void socket_close(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		bench_die("socket");
	close(fd);
}

static void socket_by_hand(void)
{
	static const int options[][3] = {
		{ SOL_SOCKET, SO_KEEPALIVE, 1 }, { IPPROTO_TCP, TCP_KEEPIDLE, 60 },
		{ IPPROTO_TCP, TCP_KEEPINTVL, 10 }, { IPPROTO_TCP, TCP_KEEPCNT, 6 },
		{ IPPROTO_TCP, TCP_USER_TIMEOUT, 119000 },
	};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		bench_die("socket");
	for (size_t i = 0; i < sizeof options / sizeof options[0]; i++)
		if (setsockopt(fd, options[i][0], options[i][1], &options[i][2], sizeof(int)) < 0)
			bench_die("setsockopt");
	close(fd);
}

static int listener(struct sockaddr_in *addr)
{
	socklen_t len = sizeof *addr;
	int one = 1;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		bench_die("socket");
	memset(addr, 0, sizeof *addr);
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0 ||
	    listen(fd, 128) < 0 ||
	    getsockname(fd, (struct sockaddr *)addr, &len) < 0)
		bench_die("listener");
	return fd;
}

static void pair(int lfd, const struct sockaddr_in *addr, int raw_client)
{
	int c, a;

	if (raw_client) {
		c = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
		if (c < 0 || syscall(SYS_connect, c, addr, sizeof *addr) < 0)
			bench_die("raw connect");
	} else {
		c = socket(AF_INET, SOCK_STREAM, 0);
		if (c < 0 || connect(c, (const struct sockaddr *)addr, sizeof *addr) < 0)
			bench_die("connect");
	}
	a = accept(lfd, NULL, NULL);
	if (a < 0)
		bench_die("accept");
	close(a);
	close(c);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr;
	long n, i;
	int lfd = -1, raw = 0;
	uint64_t t0;

	if (argc != 3) {
		fprintf(stderr, "usage: sockloop socket|byhand|pair|accept N\n");
		return 2;
	}
	n = bench_parse_long(argv[2], 0, 100000000, "N");
	if (strcmp(argv[1], "socket") == 0) {
		for (i = 0; i < WARMUP; i++)
			socket_close();
		t0 = bench_now_ns();
		for (i = 0; i < n; i++)
			socket_close();
	} else if (strcmp(argv[1], "byhand") == 0) {
		for (i = 0; i < WARMUP; i++)
			socket_by_hand();
		t0 = bench_now_ns();
		for (i = 0; i < n; i++)
			socket_by_hand();
	} else if (strcmp(argv[1], "pair") == 0 || strcmp(argv[1], "accept") == 0) {
		raw = strcmp(argv[1], "accept") == 0;
		lfd = listener(&addr);
		for (i = 0; i < WARMUP; i++)
			pair(lfd, &addr, raw);
		t0 = bench_now_ns();
		for (i = 0; i < n; i++)
			pair(lfd, &addr, raw);
	} else {
		fprintf(stderr, "sockloop: unknown mode '%s'\n", argv[1]);
		return 2;
	}
	printf("%.1f\n", n > 0 ? (double)(bench_now_ns() - t0) / (double)n : 0.0);
	return 0;
}
