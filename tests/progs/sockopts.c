#include <netinet/in.h>
#include <stdlib.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "sockopts.h"

static int get(int fd, int level, int name, int *value)
{
	socklen_t len = sizeof *value;

	return getsockopt(fd, level, name, value, &len);
}

int sockopts_read(int fd, struct sockopts *o)
{
	if (get(fd, SOL_SOCKET, SO_KEEPALIVE, &o->keepalive) != 0)
		return -1;
	o->idle = o->intvl = o->cnt = o->user_timeout = -1; /* not TCP */
	get(fd, IPPROTO_TCP, TCP_KEEPIDLE, &o->idle);
	get(fd, IPPROTO_TCP, TCP_KEEPINTVL, &o->intvl);
	get(fd, IPPROTO_TCP, TCP_KEEPCNT, &o->cnt);
	get(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &o->user_timeout);
	return 0;
}

void sockopts_print(FILE *out, const char *label, const struct sockopts *o)
{
	fprintf(out, "%s%skeepalive=%d idle=%d intvl=%d cnt=%d user_timeout=%d\n",
		label ? label : "", label ? " " : "", o->keepalive, o->idle, o->intvl, o->cnt,
		o->user_timeout);
}

void sockopts_show(const char *label, int fd)
{
	struct sockopts o;

	if (sockopts_read(fd, &o) != 0) {
		perror("getsockopt");
		exit(1);
	}
	sockopts_print(stdout, label, &o);
}
