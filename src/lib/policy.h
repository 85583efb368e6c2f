/* When to act: the decisions behind each hook.
 *
 * Each function runs after (or, for connect, before) the real call, only when
 * that call succeeded, and leaves errno exactly as it found it. */
#ifndef KA_POLICY_H
#define KA_POLICY_H

#include <stdbool.h>
#include <sys/socket.h>

void ka_after_socket(int fd, int domain, int type, int protocol);
void ka_after_accept(int listener, int conn);
void ka_before_connect(int fd, const struct sockaddr *addr, socklen_t len);

/* Before the program's setsockopt() (setsockopt.c). KEEPALIVE_MODE=force:
 * true when the call would undo our settings on a socket we manage; the hook
 * then reports success without making it. Respect mode: always false, after
 * noting which of our options the program set on a socket not configured yet. */
bool ka_setsockopt_overridden(int fd, int level, int name, const void *value, socklen_t len);

#endif
