/* Test helper: prints a socket's keepalive options on one line, as
 * "keepalive=1 idle=60 intvl=10 cnt=6 user_timeout=90000". */
#ifndef KA_TEST_SOCKOPTS_H
#define KA_TEST_SOCKOPTS_H

#include <stdio.h>

struct sockopts {
	int keepalive, idle, intvl, cnt, user_timeout;
};

/* Returns 0, or -1 when a getsockopt failed (errno tells why). */
int sockopts_read(int fd, struct sockopts *o);
void sockopts_print(FILE *out, const char *label, const struct sockopts *o);
/* Reads and prints to stdout; exits with status 1 if getsockopt fails. */
void sockopts_show(const char *label, int fd);

#endif
