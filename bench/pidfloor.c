/* The floor of keepalive --pid --apply: the same system calls on each
 * socket, made in-process on the process's own descriptors (no copy taken,
 * no pacing, no sock_diag dump).
 *
 *   pidfloor N   N loopback connections; prints the mean time per accepted
 *                socket of: SO_DOMAIN, SO_TYPE, SO_PROTOCOL, TCP_INFO,
 *                getsockname, getpeername, the five options read, the four
 *                set first and TCP_USER_TIMEOUT, in nanoseconds. */
#include <config.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

static void work(int fd)
{
	static const int read_opts[][2] = {
		{ SOL_SOCKET, SO_DOMAIN },	 { SOL_SOCKET, SO_TYPE },
		{ SOL_SOCKET, SO_PROTOCOL },	 { IPPROTO_TCP, TCP_KEEPIDLE },
		{ IPPROTO_TCP, TCP_KEEPINTVL },	 { IPPROTO_TCP, TCP_KEEPCNT },
		{ IPPROTO_TCP, TCP_USER_TIMEOUT }, { SOL_SOCKET, SO_KEEPALIVE },
	};
	static const int set_opts[][3] = {
		{ IPPROTO_TCP, TCP_KEEPIDLE, 60 }, { IPPROTO_TCP, TCP_KEEPINTVL, 10 },
		{ IPPROTO_TCP, TCP_KEEPCNT, 6 },	 { SOL_SOCKET, SO_KEEPALIVE, 1 },
		{ IPPROTO_TCP, TCP_USER_TIMEOUT, 120000 },
	};
	struct sockaddr_storage ss;
	struct tcp_info info;
	socklen_t len;
	int v;

	for (size_t i = 0; i < sizeof read_opts / sizeof read_opts[0]; i++) {
		len = sizeof v;
		getsockopt(fd, read_opts[i][0], read_opts[i][1], &v, &len);
	}
	len = sizeof info;
	getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &len);
	len = sizeof ss;
	getsockname(fd, (struct sockaddr *)&ss, &len);
	len = sizeof ss;
	getpeername(fd, (struct sockaddr *)&ss, &len);
	for (size_t i = 0; i < sizeof set_opts / sizeof set_opts[0]; i++)
		setsockopt(fd, set_opts[i][0], set_opts[i][1], &set_opts[i][2], sizeof(int));
}

int main(int argc, char **argv)
{
	long n = bench_parse_long(argc > 1 ? argv[1] : "", 1, 100000, "N");
	struct sockaddr_in addr;
	socklen_t len = sizeof addr;
	struct rlimit rl;
	int lfd, *acc;
	uint64_t t0, t1;

	/* Both ends of each connection: raise the hard limit too (root). */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_max < (rlim_t)(2 * n + 64))
			rl.rlim_max = (rlim_t)(2 * n + 64);
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0) {
			/* Not allowed (a container): as many as fit, the mean is the same. */
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
			if ((rlim_t)(2 * n + 64) > rl.rlim_max)
				n = ((long)rl.rlim_max - 64) / 2;
		}
	}
	acc = calloc((size_t)n, sizeof *acc);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (acc == NULL || lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 ||
	    listen(lfd, 4096) < 0 || getsockname(lfd, (struct sockaddr *)&addr, &len) < 0)
		bench_die("listener");
	for (long i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);

		if (c < 0 || connect(c, (struct sockaddr *)&addr, sizeof addr) < 0)
			bench_die("connect");
		acc[i] = accept(lfd, NULL, NULL);
		if (acc[i] < 0)
			bench_die("accept");
	}
	t0 = bench_now_ns();
	for (long i = 0; i < n; i++)
		work(acc[i]);
	t1 = bench_now_ns();
	printf("%.0f\n", (double)(t1 - t0) / (double)n);
	return 0;
}
