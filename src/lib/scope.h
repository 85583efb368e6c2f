/* KEEPALIVE_ROLE and KEEPALIVE_PORTS applied to real sockets. */
#ifndef KA_SCOPE_H
#define KA_SCOPE_H

#include <stdbool.h>
#include <sys/socket.h>

#include "settings.h"

/* A client socket, about to connect to addr. */
bool ka_client_in_scope(const struct ka_config *cfg, const struct sockaddr *addr, socklen_t len);

/* A listener or an accepted connection; asks the kernel for the local port
 * only when a port filter is set. */
bool ka_server_in_scope(const struct ka_config *cfg, int fd);

#endif
