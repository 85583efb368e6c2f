/* Detection latency: a server blocked in read() whose client vanishes.
 *
 *   deadpeer serve PORT idle|inflight|bulk LIMIT_S
 *   deadpeer connect ADDRESS PORT
 *   deadpeer dial ADDRESS PORT LIMIT_S
 *
 * The server accepts one connection, reads one byte from it and writes
 * "ready" on stdout. It then waits for a line on stdin (sent once the
 * client's link is down). In idle mode it goes straight into read(); in
 * inflight mode it first writes one byte, which the client never
 * acknowledges; in bulk mode as much of 256 KiB as the socket takes without
 * blocking. It prints what ended the read() and how long after the last
 * exchange (idle: the byte received; inflight: the byte sent), in ms, and
 * how long after the byte received the line on stdin came ("gap", ms: a
 * link taken down later than the first keepalive probe spoils the run):
 *
 *   error ETIMEDOUT 3004 gap 35    read() failed
 *   eof 3004 gap 35                the peer closed (or "data": sent something)
 *   blocked 10000 gap 35           still blocked after LIMIT_S seconds
 *
 * The client connects, sends one byte and sleeps until it is killed, or for
 * at most a minute, so that an interrupted run leaves nothing behind.
 *
 * dial connects to a host that is gone and prints what ended connect() and
 * when, in the same form ("gap 0"). */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

static void on_alarm(int sig)
{
	(void)sig; /* only interrupts read() */
}

static const char *errno_name(int e)
{
	switch (e) {
	case ETIMEDOUT: return "ETIMEDOUT";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case ECONNRESET: return "ECONNRESET";
	case ENETUNREACH: return "ENETUNREACH";
	case EPIPE: return "EPIPE";
	default: return "other";
	}
}

/* Prints how a blocking call that returned n (errno e) ended, t0 on. */
static void report(ssize_t n, int e, long limit_s, uint64_t t0)
{
	if (n < 0 && e == EINTR)
		printf("blocked %ld", limit_s * 1000);
	else if (n < 0)
		printf("error %s %.0f", errno_name(e), (double)(bench_now_ns() - t0) / 1e6);
	else
		printf("%s %.0f", n == 0 ? "eof" : "data", (double)(bench_now_ns() - t0) / 1e6);
}

static void interrupt_after(long limit_s)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: the call returns EINTR */
	sigaction(SIGALRM, &sa, NULL);
	alarm((unsigned)limit_s);
}

static int serve(long port, const char *mode, long limit_s)
{
	static char bulk[256 * 1024];
	struct sockaddr_in addr;
	char byte, line[16];
	int one = 1, lfd, fd;
	ssize_t n;
	uint64_t t0, gap;

	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		bench_die("socket");
	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
	    bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 1) < 0)
		bench_die("listen");
	fd = accept(lfd, NULL, NULL);
	if (fd < 0)
		bench_die("accept");
	if (read(fd, &byte, 1) != 1)
		bench_die("first read");
	t0 = bench_now_ns();
	printf("ready\n");
	fflush(stdout);
	if (fgets(line, sizeof line, stdin) == NULL)
		return 1;
	gap = (bench_now_ns() - t0) / 1000000;
	if (strcmp(mode, "inflight") == 0) {
		if (write(fd, &byte, 1) != 1)
			bench_die("write");
		t0 = bench_now_ns();
	} else if (strcmp(mode, "bulk") == 0) {
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		if (write(fd, bulk, sizeof bulk) <= 0)
			bench_die("write");
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		t0 = bench_now_ns();
	}
	interrupt_after(limit_s);
	n = read(fd, &byte, 1);
	report(n, errno, limit_s, t0);
	printf(" gap %llu\n", (unsigned long long)gap);
	return 0;
}

static int client(const char *address, long port)
{
	struct sockaddr_in addr;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (fd < 0 || inet_pton(AF_INET, address, &addr.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || write(fd, "x", 1) != 1)
		bench_die("client");
	alarm(60); /* SIGALRM's default action ends the process */
	for (;;)
		pause();
}

static int dial(const char *address, long port, long limit_s)
{
	struct sockaddr_in addr;
	int fd = socket(AF_INET, SOCK_STREAM, 0), n;
	uint64_t t0;

	memset(&addr, 0, sizeof addr);
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (fd < 0 || inet_pton(AF_INET, address, &addr.sin_addr) != 1)
		bench_die("dial");
	interrupt_after(limit_s);
	t0 = bench_now_ns();
	n = connect(fd, (struct sockaddr *)&addr, sizeof addr);
	report(n < 0 ? -1 : 1, errno, limit_s, t0);
	printf(" gap 0\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "serve") == 0)
		return serve(bench_parse_long(argv[2], 1, 65535, "PORT"), argv[3],
			     bench_parse_long(argv[4], 1, 3600, "LIMIT_S"));
	if (argc == 5 && strcmp(argv[1], "dial") == 0)
		return dial(argv[2], bench_parse_long(argv[3], 1, 65535, "PORT"),
			    bench_parse_long(argv[4], 1, 3600, "LIMIT_S"));
	if (argc == 4 && strcmp(argv[1], "connect") == 0)
		return client(argv[2], bench_parse_long(argv[3], 1, 65535, "PORT"));
	fprintf(stderr, "usage: deadpeer serve PORT idle|inflight|bulk LIMIT_S | connect ADDRESS PORT"
			" | dial ADDRESS PORT LIMIT_S\n");
	return 2;
}
