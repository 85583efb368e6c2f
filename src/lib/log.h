/* What the library tells the user: warnings, and with KEEPALIVE_DEBUG its work. */
#ifndef KA_LOG_H
#define KA_LOG_H

#include "settings.h"

/* From the constructor only: one line per problem, and with KEEPALIVE_DEBUG
 * the effective settings. To stderr, or to syslog when stderr is a socket
 * (inetd-style services, where fd 2 is the client connection) or closed. */
void ka_log_startup(const struct ka_config *cfg);

/* KEEPALIVE_DEBUG=2: one line for a socket, from a hook (async-signal-safe:
 * plain write(2) to stderr, nothing at all when stderr is not usable).
 * With configured set, the line ends with the values applied. */
void ka_log_socket(const struct ka_config *cfg, int fd, const char *what, bool configured);

/* KEEPALIVE_DEBUG=2, force mode: a setsockopt() call that was not made. */
void ka_log_override(const struct ka_config *cfg, int fd, int level, int name, int given,
		     int kept);

#endif
