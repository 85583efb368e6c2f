/* The program's own setsockopt() calls on the five options we set. */
#ifndef KA_SETSOCKOPT_H
#define KA_SETSOCKOPT_H

#include <stdbool.h>
#include <sys/socket.h>

/* Before the program's setsockopt(). KEEPALIVE_MODE=force: true when the
 * call would undo our settings on a socket we manage; the hook then reports
 * success without making it. Respect mode: always false, after noting which
 * of the five options the program set on a socket not decided yet. */
bool ka_setsockopt_dropped(int fd, int level, int name, const void *value, socklen_t len);

#endif
