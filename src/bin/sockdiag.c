/* An inet_diag dump of the TCP sockets of a network namespace, and the
 * settings of its own that the command needs (the ephemeral port range, the
 * keepalive defaults).
 *
 * A netlink socket reports on the namespace it was created in, and a file
 * of /proc/sys/net on the namespace of the process that opened it: for a
 * process in another one, the command enters it (setns on /proc/PID/ns/net),
 * opens both, and returns to its own at once. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sockdiag.h"

static int open_ns(pid_t pid)
{
	char path[64];

	if (pid > 0)
		snprintf(path, sizeof path, "/proc/%ld/ns/net", (long)pid);
	else
		snprintf(path, sizeof path, "/proc/self/ns/net");
	return open(path, O_RDONLY | O_CLOEXEC);
}

static unsigned long inode_of(int fd)
{
	struct stat st;

	return fd >= 0 && fstat(fd, &st) == 0 ? (unsigned long)st.st_ino : 0;
}

unsigned long ka_diag_netns_of(pid_t pid)
{
	int fd = open_ns(pid);
	unsigned long inode = inode_of(fd);

	if (fd >= 0)
		close(fd);
	return inode;
}

/* One number (or two) from /proc/sys/net/ipv4 as the namespace we are in
 * has it; false when it cannot be read. */
static bool read_sysctl(const char *name, int *a, int *b)
{
	char path[96];
	FILE *f;
	bool ok;

	snprintf(path, sizeof path, "/proc/sys/net/ipv4/%s", name);
	f = fopen(path, "re");
	if (f == NULL)
		return false;
	ok = b != NULL ? fscanf(f, "%d %d", a, b) == 2 : fscanf(f, "%d", a) == 1;
	fclose(f);
	return ok;
}

/* The namespace's settings the command needs, the kernel's defaults where
 * they cannot be read. */
static void read_sysctls(struct ka_diag *diag)
{
	if (!read_sysctl("ip_local_port_range", &diag->ephemeral_lo, &diag->ephemeral_hi)) {
		diag->ephemeral_lo = KA_EPHEMERAL_DEFAULT_LO;
		diag->ephemeral_hi = KA_EPHEMERAL_DEFAULT_HI;
	}
	if (!read_sysctl("tcp_keepalive_time", &diag->keepalive_time_s, NULL))
		diag->keepalive_time_s = KA_KEEPALIVE_DEFAULT_TIME_S;
	if (!read_sysctl("tcp_keepalive_intvl", &diag->keepalive_intvl_s, NULL))
		diag->keepalive_intvl_s = KA_KEEPALIVE_DEFAULT_INTVL_S;
	if (!read_sysctl("tcp_keepalive_probes", &diag->keepalive_probes, NULL))
		diag->keepalive_probes = KA_KEEPALIVE_DEFAULT_PROBES;
}

/* A NETLINK_SOCK_DIAG socket in the namespace of pid, and that namespace's
 * settings. */
static int diag_socket(pid_t pid, struct ka_diag *diag)
{
	int theirs = open_ns(pid), ours = -1, sock = -1, error;

	if (theirs < 0)
		return -1;
	diag->netns = inode_of(theirs);
	ours = open_ns(0);
	if (ours >= 0 && inode_of(ours) == diag->netns) {
		sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
		read_sysctls(diag);
	} else if (ours >= 0 && setns(theirs, CLONE_NEWNET) == 0) {
		sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
		error = errno;
		read_sysctls(diag);
		if (setns(ours, CLONE_NEWNET) != 0) {
			/* Never go on in another namespace than our own. */
			perror("keepalive: cannot return to its own network namespace");
			exit(1);
		}
		errno = error;
	}
	error = errno;
	close(theirs);
	if (ours >= 0)
		close(ours);
	errno = error;
	return sock;
}

static bool request(int sock, int family)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	memset(&msg, 0, sizeof msg);
	msg.nlh.nlmsg_len = sizeof msg;
	msg.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	msg.req.sdiag_family = (unsigned char)family;
	msg.req.sdiag_protocol = IPPROTO_TCP;
	msg.req.idiag_states = ~0u;
	return sendto(sock, &msg, sizeof msg, 0, (struct sockaddr *)&kernel, sizeof kernel) ==
	       (ssize_t)sizeof msg;
}

static bool add(struct ka_diag *diag, size_t *size, const struct inet_diag_msg *m)
{
	struct ka_diag_entry *e;

	if (diag->n == *size) {
		size_t more = *size ? 2 * *size : 256;
		struct ka_diag_entry *grown = realloc(diag->entries, more * sizeof *grown);

		if (grown == NULL)
			return false;
		diag->entries = grown;
		*size = more;
	}
	e = &diag->entries[diag->n++];
	memset(e, 0, sizeof *e);
	e->inode = m->idiag_inode;
	e->state = m->idiag_state;
	e->timer = m->idiag_timer;
	e->retrans = m->idiag_retrans;
	e->expires_ms = m->idiag_expires;
	e->family = m->idiag_family;
	e->local_port = ntohs(m->id.idiag_sport);
	memcpy(e->local, m->id.idiag_src, m->idiag_family == AF_INET ? 4 : 16);
	return true;
}

/* Reads the answers to one request until NLMSG_DONE. */
static bool receive(int sock, struct ka_diag *diag, size_t *size)
{
	static char buf[64 * 1024];

	for (;;) {
		ssize_t len = recv(sock, buf, sizeof buf, 0);
		struct nlmsghdr *h;

		if (len < 0 && errno == EINTR)
			continue;
		if (len <= 0)
			return false;
		for (h = (struct nlmsghdr *)(void *)buf; NLMSG_OK(h, (size_t)len);
		     h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return true;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *err = NLMSG_DATA(h);

				errno = -err->error;
				return false;
			}
			if (h->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
			    h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct inet_diag_msg)) &&
			    !add(diag, size, NLMSG_DATA(h)))
				return false;
		}
	}
}

static int by_inode(const void *a, const void *b)
{
	const struct ka_diag_entry *x = a, *y = b;

	return (x->inode > y->inode) - (x->inode < y->inode);
}

bool ka_diag_dump(pid_t pid, struct ka_diag *diag)
{
	static const int families[] = { AF_INET, AF_INET6 };
	size_t size = 0;
	int sock, error;

	memset(diag, 0, sizeof *diag);
	sock = diag_socket(pid, diag);
	if (sock < 0)
		return false;
	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
		/* IPv6 may be absent: its dump then fails alone. */
		if (!request(sock, families[i]) ||
		    (!receive(sock, diag, &size) && families[i] == AF_INET)) {
			error = errno;
			close(sock);
			ka_diag_free(diag);
			errno = error;
			return false;
		}
	}
	close(sock);
	if (diag->n > 0) /* qsort(NULL, 0, ...) is undefined */
		qsort(diag->entries, diag->n, sizeof *diag->entries, by_inode);
	for (size_t i = 0; i < diag->n; i++)
		diag->nlisteners += diag->entries[i].state == TCP_LISTEN;
	diag->listeners = calloc(diag->nlisteners + 1, sizeof *diag->listeners);
	if (diag->listeners == NULL) {
		ka_diag_free(diag);
		errno = ENOMEM;
		return false;
	}
	diag->nlisteners = 0;
	for (size_t i = 0; i < diag->n; i++)
		if (diag->entries[i].state == TCP_LISTEN)
			diag->listeners[diag->nlisteners++] = diag->entries[i];
	return true;
}

void ka_diag_free(struct ka_diag *diag)
{
	free(diag->entries);
	free(diag->listeners);
	diag->entries = diag->listeners = NULL;
	diag->n = diag->nlisteners = 0;
}

const struct ka_diag_entry *ka_diag_find(const struct ka_diag *diag, unsigned long inode)
{
	struct ka_diag_entry key = { .inode = inode };

	if (diag->n == 0 || inode == 0)
		return NULL;
	return bsearch(&key, diag->entries, diag->n, sizeof key, by_inode);
}

static bool wildcard(const struct ka_diag_entry *e)
{
	static const unsigned char zero[16];

	return memcmp(e->local, zero, e->family == AF_INET ? 4 : 16) == 0;
}

/* An IPv4 address as an IPv6 listener sees it: ::ffff:a.b.c.d. */
static bool same_address(const struct ka_diag_entry *listener, const struct ka_diag_entry *conn)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

	if (listener->family == conn->family)
		return memcmp(listener->local, conn->local, conn->family == AF_INET ? 4 : 16) == 0;
	if (listener->family == AF_INET6 && conn->family == AF_INET)
		return memcmp(listener->local, mapped, 12) == 0 &&
		       memcmp(listener->local + 12, conn->local, 4) == 0;
	return false;
}

bool ka_diag_listened(const struct ka_diag *diag, const struct ka_diag_entry *conn)
{
	for (size_t i = 0; i < diag->nlisteners; i++) {
		const struct ka_diag_entry *l = &diag->listeners[i];

		if (l->local_port == conn->local_port &&
		    (wildcard(l) || same_address(l, conn)))
			return true;
	}
	return false;
}

const char *ka_diag_timer_name(int timer)
{
	switch (timer) {
	case 1:
		return "on";
	case 2:
		return "keepalive";
	case 3:
		return "timewait";
	case 4:
		return "persist";
	default:
		return "off";
	}
}

void ka_diag_timer_text(const struct ka_diag_entry *e, char *buf, size_t len)
{
	if (e == NULL || e->timer == 0) {
		snprintf(buf, len, "-");
		return;
	}
	if (e->expires_ms >= 1000)
		snprintf(buf, len, "%s,%usec,%u", ka_diag_timer_name(e->timer),
			 e->expires_ms / 1000, e->retrans);
	else
		snprintf(buf, len, "%s,%ums,%u", ka_diag_timer_name(e->timer), e->expires_ms,
			 e->retrans);
}
