/* KEEPALIVE_PORTS: the list of ports and ranges (ports.c). */
#ifndef KA_PORTS_H
#define KA_PORTS_H

#include "settings.h"

/* Parses "5432,6379,8000-8100"; returns false and sets *kind on bad input. */
bool ka_parse_ports(const char *text, struct ka_port_range *ranges, int *n,
		    enum ka_problem_kind *kind);

#endif
