/* KEEPALIVE_PORTS: the list of ports and ranges (ports.c). */
#ifndef KA_PORTS_H
#define KA_PORTS_H

#include "settings.h"

/* Parses "5432,6379,8000-8100"; returns false and sets *kind on bad input. */
bool ka_parse_ports(const char *text, struct ka_port_range *ranges, int *n,
		    enum ka_problem_kind *kind);

/* Writes the list back as it is parsed ("5432,8000-8100"), cut to fit len.
 * Async-signal-safe: the library's debug lines use it in its hooks. */
void ka_ports_format(const struct ka_port_range *ranges, int n, char *buf, size_t len);

/* Room for any list: KA_MAX_PORT_RANGES ranges of "65535-65535,". */
#define KA_PORTS_TEXT_MAX (KA_MAX_PORT_RANGES * 12 + 1)

#endif
