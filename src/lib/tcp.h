/* What the kernel says about a socket, and setting its keepalive options.
 *
 * SO_KEEPALIVE "succeeds" on UDP and UNIX sockets too, so success proves
 * nothing: a socket is classified by its domain, type and protocol. */
#ifndef KA_TCP_H
#define KA_TCP_H

#include <stdbool.h>
#include <sys/socket.h>

#include "decide.h"

/* ka_is_tcp(), from the arguments of socket(), is in sockopts.h. */
/* The same question asked of the kernel, for a descriptor we did not make. */
enum ka_kind ka_fd_kind(int fd);

/* Whether the socket is listening (SO_ACCEPTCONN). */
bool ka_fd_listening(int fd);

/* SO_KEEPALIVE; when on and compare is set, whether the timers and the user
 * timeout are ours. KA_KEEPALIVE_OFF also when the kernel cannot tell. */
enum ka_keepalive ka_fd_keepalive(int fd, const struct ka_config *cfg, bool compare);

/* The port of an IPv4 or IPv6 address, or of the socket's own address; -1
 * for anything else. */
int ka_port_of(const struct sockaddr *addr, socklen_t len);
int ka_fd_local_port(int fd);

/* Sets the options in set (enum ka_option), in the table's order, straight
 * through the C library (not our setsockopt hook). Returns those the kernel
 * refused (a seccomp filter, MPTCP's user timeout), which are otherwise
 * ignored: the program's own call goes on. */
unsigned ka_fd_configure(int fd, const struct ka_config *cfg, unsigned set);

#endif
