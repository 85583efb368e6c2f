/* Test helper run under the preload: makes sockets the way programs do and
 * prints what keepalive options they ended up with.
 *
 *   kaprobe socket tcp4|tcp6|udp4|unix [nonblock]   a new socket; also udp6,
 *                   unixdgram, seqpacket, netlink, sctp, mptcp4
 *                   (exit 3: unsupported here)
 *   kaprobe socketpair stream|dgram|seqpacket       both ends of a UNIX pair
 *   kaprobe fd N                                    an inherited descriptor
 *   kaprobe pair [PORT]                             listener, client, accepted
 *                                                   connection on 127.0.0.1
 *   kaprobe udpconnect N                            N UDP sockets connected to
 *                                                   127.0.0.1:9 (nothing is sent)
 */
#include <arpa/inet.h>
#include <errno.h>
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

struct kind {
	const char *name;
	int domain, type, protocol;
};

static const struct kind kinds[] = {
	{ "tcp4", AF_INET, SOCK_STREAM, 0 },
	{ "tcp6", AF_INET6, SOCK_STREAM, IPPROTO_TCP },
	{ "udp4", AF_INET, SOCK_DGRAM, 0 },
	{ "udp6", AF_INET6, SOCK_DGRAM, 0 },
	{ "unix", AF_UNIX, SOCK_STREAM, 0 },
	{ "unixdgram", AF_UNIX, SOCK_DGRAM, 0 },
	{ "seqpacket", AF_UNIX, SOCK_SEQPACKET, 0 },
	{ "netlink", AF_NETLINK, SOCK_RAW, 0 },      /* raw, and unprivileged */
	{ "sctp", AF_INET, SOCK_STREAM, IPPROTO_SCTP }, /* a stream, not TCP */
	{ "mptcp4", AF_INET, SOCK_STREAM, 262 },        /* IPPROTO_MPTCP */
};

/* Exit status 3: this kind of socket cannot be made here at all. */
static int unsupported(const char *what)
{
	if (errno != EAFNOSUPPORT && errno != EPROTONOSUPPORT && errno != ESOCKTNOSUPPORT &&
	    errno != EPERM && errno != EACCES && errno != EINVAL)
		return die(what);
	fprintf(stderr, "kaprobe: %s: %s\n", what, strerror(errno));
	return 3;
}

static int cmd_socket(const char *name, const char *flag)
{
	int extra = flag && strcmp(flag, "nonblock") == 0 ? SOCK_NONBLOCK | SOCK_CLOEXEC : 0;

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const struct kind *k = &kinds[i];
		int fd;

		if (strcmp(name, k->name) != 0)
			continue;
		fd = socket(k->domain, k->type | extra, k->protocol);
		return fd < 0 ? unsupported("socket") : show(NULL, fd);
	}
	return fprintf(stderr, "kaprobe: unknown socket kind %s\n", name), 2;
}

/* Both ends of a UNIX socket pair: stream, dgram or seqpacket. */
static int cmd_socketpair(const char *name)
{
	int type = strcmp(name, "stream") == 0 ? SOCK_STREAM :
		   strcmp(name, "dgram") == 0 ? SOCK_DGRAM :
		   strcmp(name, "seqpacket") == 0 ? SOCK_SEQPACKET : -1;
	int sv[2];

	if (type < 0)
		return fprintf(stderr, "kaprobe: unknown socketpair type %s\n", name), 2;
	if (socketpair(AF_UNIX, type, 0, sv) != 0)
		return die("socketpair");
	return show(NULL, sv[0]) || show(NULL, sv[1]);
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

static int cmd_udpconnect(long count)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(9) };

	addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (long i = 0; i < count; i++) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);

		if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
			return die("udp connect");
		close(fd);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "socket") == 0)
		return cmd_socket(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc == 3 && strcmp(argv[1], "socketpair") == 0)
		return cmd_socketpair(argv[2]);
	if (argc == 3 && strcmp(argv[1], "fd") == 0)
		return show(NULL, (int)strtol(argv[2], NULL, 10));
	if (argc >= 2 && strcmp(argv[1], "pair") == 0)
		return cmd_pair(argc > 2 ? (int)strtol(argv[2], NULL, 10) : 0);
	if (argc == 3 && strcmp(argv[1], "udpconnect") == 0)
		return cmd_udpconnect(strtol(argv[2], NULL, 10));
	fprintf(stderr, "usage: kaprobe socket KIND [nonblock] | socketpair TYPE | fd N | "
			"pair [PORT] | udpconnect N\n");
	return 2;
}
