/* Classifying sockets and setting their keepalive options. */
#ifndef KA_TCP_H
#define KA_TCP_H

#include <stdbool.h>

#include "settings.h"

/* From the arguments of socket(): TCP (or MPTCP) over IPv4 or IPv6. */
bool ka_is_tcp(int domain, int type, int protocol);

/* The same question asked of the kernel, for a descriptor we did not create. */
bool ka_fd_is_tcp(int fd);

/* Whether the socket is listening (SO_ACCEPTCONN). */
bool ka_is_listening(int fd);

/* Whether SO_KEEPALIVE is on; false also when the kernel cannot tell. */
bool ka_keepalive_on(int fd);

/* Whether keepalive is on with our timers and user timeout. */
bool ka_keepalive_ours(int fd, const struct ka_config *cfg);

/* Sets the timers, the user timeout and SO_KEEPALIVE, except the options in
 * keep (enum ka_option bits: those the program set itself), and with
 * KEEPALIVE_DEBUG=2 says so, naming where ("at socket()"...). Options the
 * kernel refuses (a seccomp filter, MPTCP's user timeout) are named in that
 * line and otherwise ignored: the program's own call goes on. */
void ka_configure(int fd, const struct ka_config *cfg, unsigned keep, const char *where);

#endif
