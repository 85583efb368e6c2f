/* Test helper for keepalive --cgroup, linked statically where it can be and
 * making its sockets and setsockopt() calls with raw system calls: nothing a
 * preload library could see. Prints each socket's options as sockopts.h
 * does ("client keepalive=1 idle=5 ...").
 *
 *   kacgroup [-s NAME=VALUE]... [-a NAME=VALUE]... pair [PORT]
 *       a listener on 127.0.0.1:PORT (0 or none: any port), a client
 *       connected to it and the connection accepted; -s calls setsockopt on
 *       the client and the listener before connecting, -a on the client and
 *       the accepted connection after ("after NAME=VALUE ret=0 errno=0").
 *   kacgroup server ADDR PORT   accepts one connection, prints its options,
 *       then reads until the connection fails ("read failed: ...")
 *   kacgroup client ADDR PORT   connects, prints, reads as server does
 *   kacgroup other              UDP and UNIX sockets: SO_KEEPALIVE and the
 *       TCP options set on them, each result and what reads back
 *   kacgroup steps              commands read from standard input, one a
 *       line, each answered by its lines and then "done", so that a test can
 *       move the process between cgroups from one to the next; N is a slot
 *       from 0 to 9:
 *         make N      a listener on 127.0.0.1 (any port) and a client
 *                     socket, not connected
 *         connect N [M]   N's client connected to the listener of M (N
 *                     when not given), the connection it accepts kept in N
 *         pair N      make N, then connect N
 *         show N      the options of N's listener, client and accepted
 *                     connection (those that exist), a line each
 *         set N NAME=VALUE   setsockopt on N's client and accepted
 *                     connection ("N client set NAME=VALUE ret=0 errno=0")
 *
 * NAME is keepalive, idle, intvl, cnt or user_timeout. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rawnet.h"
#include "sockopts.h"

static const struct {
	const char *name;
	int level, option;
} names[] = {
	{ "keepalive", SOL_SOCKET, SO_KEEPALIVE }, { "idle", IPPROTO_TCP, TCP_KEEPIDLE },
	{ "intvl", IPPROTO_TCP, TCP_KEEPINTVL },   { "cnt", IPPROTO_TCP, TCP_KEEPCNT },
	{ "user_timeout", IPPROTO_TCP, TCP_USER_TIMEOUT },
};
#define NNAMES ((int)(sizeof names / sizeof names[0]))
#define MAX_CALLS 10

struct call {
	const char *text; /* NAME=VALUE */
	int level, option, value;
};

static int raw_setsockopt(int fd, int level, int option, int value)
{
	return (int)syscall(SYS_setsockopt, fd, level, option, &value, sizeof value);
}

static void parse_call(const char *text, struct call *c)
{
	const char *eq = strchr(text, '=');

	for (int i = 0; eq != NULL && i < NNAMES; i++)
		if (strlen(names[i].name) == (size_t)(eq - text) &&
		    strncmp(text, names[i].name, (size_t)(eq - text)) == 0) {
			*c = (struct call){ text, names[i].level, names[i].option,
					    (int)number_arg(eq + 1, -1, 2147483647) };
			return;
		}
	fprintf(stderr, "kacgroup: not NAME=VALUE: %s\n", text);
	exit(2);
}

static void make_calls(const char *label, int fd, const struct call *calls, int n, bool print)
{
	for (int i = 0; i < n; i++) {
		int ret = raw_setsockopt(fd, calls[i].level, calls[i].option, calls[i].value);

		if (print)
			printf("%s %s ret=%d errno=%s\n", label, calls[i].text, ret,
			       ret == 0 ? "0" : strerror(errno));
		else if (ret != 0)
			die(calls[i].text);
	}
}

static int tcp_listener(const char *addr, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int fd = raw_socket(AF_INET, SOCK_STREAM, 0), one = 1;

	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1)
		die("address");
	if (fd < 0 || syscall(SYS_setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
	    syscall(SYS_bind, fd, &sin, sizeof sin) != 0 || syscall(SYS_listen, fd, 16) != 0)
		die("listener");
	return fd;
}

static int raw_accept(int listener)
{
	int fd = (int)syscall(SYS_accept4, listener, NULL, NULL, 0);

	if (fd < 0)
		die("accept");
	return fd;
}

/* Blocks in read() until the connection fails or ends. */
static int read_until_failure(int fd)
{
	char buf[256];
	long n;

	while ((n = syscall(SYS_read, fd, buf, sizeof buf)) > 0)
		;
	printf("read %s: %s\n", n == 0 ? "ended" : "failed", n == 0 ? "end of file" : strerror(errno));
	return n == 0 ? 1 : 0;
}

static int pair(int port, const struct call *before, int nbefore, const struct call *after,
		int nafter)
{
	struct sockaddr_in addr;
	int listener, client, accepted;

	client = raw_socket(AF_INET, SOCK_STREAM, 0);
	if (client < 0)
		die("socket");
	listener = tcp_listener("127.0.0.1", port);
	make_calls("client", client, before, nbefore, false);
	make_calls("listener", listener, before, nbefore, false);
	if (local_address(listener, &addr) != 0 || raw_connect(client, &addr) != 0)
		die("connect");
	accepted = raw_accept(listener);
	make_calls("client after", client, after, nafter, true);
	make_calls("accepted after", accepted, after, nafter, true);
	sockopts_show("client", client);
	sockopts_show("accepted", accepted);
	return 0;
}

static int other(void)
{
	static const struct {
		const char *label;
		int domain, type;
	} kinds[] = { { "udp", AF_INET, SOCK_DGRAM }, { "unix", AF_UNIX, SOCK_STREAM } };

	for (int k = 0; k < 2; k++) {
		int fd = raw_socket(kinds[k].domain, kinds[k].type, 0), keepalive = -1;
		socklen_t len = sizeof keepalive;

		if (fd < 0)
			die("socket");
		for (int i = 0; i < NNAMES; i++) {
			int ret = raw_setsockopt(fd, names[i].level, names[i].option, i == 0 ? 1 : 7200);

			printf("%s %s ret=%d errno=%s\n", kinds[k].label, names[i].name, ret,
			       ret == 0 ? "0" : strerror(errno));
		}
		raw_setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, 0);
		getsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &keepalive, &len);
		printf("%s final keepalive=%d\n", kinds[k].label, keepalive);
		close(fd);
	}
	return 0;
}

/* The sockets of steps' slots, -1 where there is none. */
struct slot {
	int listener, client, accepted;
};

static void step_show(int n, const struct slot *s)
{
	const struct {
		const char *label;
		int fd;
	} socks[] = { { "listener", s->listener }, { "client", s->client },
		      { "accepted", s->accepted } };
	char label[32];

	for (int i = 0; i < 3; i++)
		if (socks[i].fd >= 0) {
			snprintf(label, sizeof label, "%d %s", n, socks[i].label);
			sockopts_show(label, socks[i].fd);
		}
}

static int steps(void)
{
	struct slot slots[10];
	char line[128], verb[16], arg[64];
	int n;

	for (int i = 0; i < 10; i++)
		slots[i] = (struct slot){ -1, -1, -1 };
	while (fgets(line, sizeof line, stdin) != NULL) {
		struct slot *s;
		int fields = sscanf(line, "%15s %d %63s", verb, &n, arg);

		if (fields < 2 || n < 0 || n > 9) {
			fprintf(stderr, "kacgroup steps: not a command: %s", line);
			return 2;
		}
		s = &slots[n];
		if (strcmp(verb, "make") == 0 || strcmp(verb, "pair") == 0) {
			s->client = raw_socket(AF_INET, SOCK_STREAM, 0);
			if (s->client < 0)
				die("socket");
			s->listener = tcp_listener("127.0.0.1", 0);
		}
		if (strcmp(verb, "connect") == 0 || strcmp(verb, "pair") == 0) {
			struct sockaddr_in addr;
			int from = fields == 3 ? (int)number_arg(arg, 0, 9) : n;

			if (s->client < 0 || slots[from].listener < 0 ||
			    local_address(slots[from].listener, &addr) != 0 ||
			    raw_connect(s->client, &addr) != 0)
				die("connect");
			s->accepted = raw_accept(slots[from].listener);
		}
		if (strcmp(verb, "show") == 0) {
			step_show(n, s);
		} else if (strcmp(verb, "set") == 0 && fields == 3) {
			struct call c;
			char label[32];

			parse_call(arg, &c);
			snprintf(label, sizeof label, "%d client set", n);
			make_calls(label, s->client, &c, 1, true);
			snprintf(label, sizeof label, "%d accepted set", n);
			make_calls(label, s->accepted, &c, 1, true);
		} else if (strcmp(verb, "make") != 0 && strcmp(verb, "connect") != 0 &&
			   strcmp(verb, "pair") != 0) {
			fprintf(stderr, "kacgroup steps: not a command: %s", line);
			return 2;
		}
		printf("done\n");
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct call before[MAX_CALLS], after[MAX_CALLS];
	int nbefore = 0, nafter = 0, opt;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((opt = getopt(argc, argv, "+s:a:")) != -1) {
		if (opt == 's' && nbefore < MAX_CALLS)
			parse_call(optarg, &before[nbefore++]);
		else if (opt == 'a' && nafter < MAX_CALLS)
			parse_call(optarg, &after[nafter++]);
		else
			return 2;
	}
	argv += optind;
	argc -= optind;
	if (argc >= 1 && strcmp(argv[0], "pair") == 0)
		return pair(argc > 1 ? (int)number_arg(argv[1], 0, 65535) : 0, before, nbefore,
			    after, nafter);
	if (argc == 1 && strcmp(argv[0], "other") == 0)
		return other();
	if (argc == 1 && strcmp(argv[0], "steps") == 0)
		return steps();
	if (argc == 3 && (strcmp(argv[0], "server") == 0 || strcmp(argv[0], "client") == 0)) {
		int port = (int)number_arg(argv[2], 1, 65535), fd;

		if (argv[0][0] == 's') {
			fd = raw_accept(tcp_listener(argv[1], port));
			sockopts_show("accepted", fd);
		} else {
			struct sockaddr_in sin = { .sin_family = AF_INET,
						   .sin_port = htons((uint16_t)port) };

			fd = raw_socket(AF_INET, SOCK_STREAM, 0);
			if (fd < 0 || inet_pton(AF_INET, argv[1], &sin.sin_addr) != 1 ||
			    raw_connect(fd, &sin) != 0)
				die("connect");
			sockopts_show("client", fd);
		}
		return read_until_failure(fd);
	}
	fprintf(stderr, "usage: kacgroup [-s NAME=VALUE]... [-a NAME=VALUE]... pair [PORT] | "
			"server ADDR PORT | client ADDR PORT | other | steps\n");
	return 2;
}
