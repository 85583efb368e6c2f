/* What the library tells the user: warnings, and with KEEPALIVE_DEBUG its work. */
#ifndef KA_LOG_H
#define KA_LOG_H

#include "decide.h"
#include "sockopts.h"

/* "libkeepalive 1.0.0": the library's version, kept in its file. */
extern const char ka_version[];

/* From the constructor only: one line per problem, and with KEEPALIVE_DEBUG
 * the effective settings. To stderr, or to syslog when stderr is a socket
 * (inetd-style services, where fd 2 is the client connection) or closed. */
void ka_log_startup(const struct ka_config *cfg);

/* KEEPALIVE_DEBUG=2: one line for a socket, from a hook (async-signal-safe:
 * plain write(2) to stderr, nothing at all when stderr is not usable). Every
 * line starts with "libkeepalive[PID NAME]: ". */
void ka_log_socket(const struct ka_config *cfg, int fd, const char *what);

/* KEEPALIVE_DEBUG=2: a socket configured, with the values applied, the
 * program's own options kept and those the kernel refused (enum ka_option). */
void ka_log_configured(const struct ka_config *cfg, int fd, const char *where, unsigned kept,
		       unsigned refused);

/* KEEPALIVE_DEBUG=2: a socket left alone: what the program did, and why; a
 * scope filter's reason names the side or the port (from s) and the filter. */
void ka_log_left(const struct ka_config *cfg, int fd, const char *what, enum ka_reason reason,
		 const struct ka_socket_facts *s);

/* KEEPALIVE_DEBUG=2, force mode: a setsockopt() call that was not made. */
void ka_log_override(const struct ka_config *cfg, int fd, const struct ka_sockopt *opt,
		     int given, int kept);

#endif
