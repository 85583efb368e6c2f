/* The next definitions of the calls we interpose (normally the C library's). */
#ifndef KA_REAL_H
#define KA_REAL_H

#include <sys/socket.h>

int ka_real_socket(int domain, int type, int protocol);
int ka_real_accept(int fd, struct sockaddr *addr, socklen_t *len);
int ka_real_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int ka_real_connect(int fd, const struct sockaddr *addr, socklen_t len);
int ka_real_close(int fd);
int ka_real_dup2(int fd, int target);
int ka_real_dup3(int fd, int target, int flags);
int ka_real_setsockopt(int fd, int level, int name, const void *value, socklen_t len);

#endif
