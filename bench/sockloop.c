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
 *
 *   sockloop MODE N TURN
 *
 * takes turns with other sockloops on the same CPU, TURN iterations at a
 * time: it writes a byte to descriptor 5 once it is ready, and then, for
 * each turn, waits for a byte on descriptor 3 and hands one on to descriptor
 * 4 after it (a ring of pipes, bench/cgroup.sh). Only its own turns are
 * timed, so that a machine whose speed moves from one second to the next
 * moves every ring member's time alike.
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

#define READY_FD 5
#define TURN_IN_FD 3
#define TURN_OUT_FD 4

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

static struct sockaddr_in pair_addr;
static int pair_listener = -1, pair_raw;

static void pair(void)
{
	const struct sockaddr_in *addr = &pair_addr;
	int lfd = pair_listener, raw_client = pair_raw;
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

static void turn_byte(int fd, int out)
{
	char byte = 't';
	ssize_t done = out ? write(fd, &byte, 1) : read(fd, &byte, 1);

	if (done != 1)
		bench_die(out ? "handing the turn on" : "waiting for the turn");
}

/* The time of n iterations of step, in turns of turn iterations (0: all at
 * once, without taking turns). The warm-up runs in the first turn, untimed. */
static uint64_t timed(void (*step)(void), long n, long turn)
{
	uint64_t total = 0;

	if (turn > 0)
		turn_byte(READY_FD, 1);
	for (long done = 0, first = 1; done < n || first; first = 0) {
		long k = turn > 0 && n - done > turn ? turn : n - done;
		uint64_t t0;

		if (turn > 0)
			turn_byte(TURN_IN_FD, 0);
		for (long i = 0; first && i < WARMUP; i++)
			step();
		t0 = bench_now_ns();
		for (long i = 0; i < k; i++)
			step();
		total += bench_now_ns() - t0;
		done += k;
		if (turn > 0)
			turn_byte(TURN_OUT_FD, 1);
	}
	return total;
}

int main(int argc, char **argv)
{
	void (*step)(void);
	long n, turn = 0;

	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: sockloop socket|byhand|pair|accept N [TURN]\n");
		return 2;
	}
	n = bench_parse_long(argv[2], 0, 100000000, "N");
	if (argc == 4)
		turn = bench_parse_long(argv[3], 1, 100000000, "TURN");
	if (strcmp(argv[1], "socket") == 0) {
		step = socket_close;
	} else if (strcmp(argv[1], "byhand") == 0) {
		step = socket_by_hand;
	} else if (strcmp(argv[1], "pair") == 0 || strcmp(argv[1], "accept") == 0) {
		pair_raw = strcmp(argv[1], "accept") == 0;
		pair_listener = listener(&pair_addr);
		step = pair;
	} else {
		fprintf(stderr, "sockloop: unknown mode '%s'\n", argv[1]);
		return 2;
	}
	printf("%.1f\n", n > 0 ? (double)timed(step, n, turn) / (double)n : 0.0);
	return 0;
}
