/* What each hooked call does for keepalive, after (or, for connect, before)
 * the real call, only when that call succeeded; errno is left exactly as it
 * was found. */
#ifndef KA_EVENTS_H
#define KA_EVENTS_H

#include <sys/socket.h>

void ka_after_socket(int fd, int domain, int type, int protocol);
void ka_after_accept(int listener, int conn);
void ka_before_connect(int fd, const struct sockaddr *addr, socklen_t len);

#endif
