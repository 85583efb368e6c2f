/* The policy (decide.c) applied to one of this process's descriptors: the
 * facts it asks for are read from the kernel, and its answer carried out. */
#ifndef KA_APPLY_H
#define KA_APPLY_H

#include "decide.h"

/* Asks ka_decide() until it answers, filling in each fact it needs with a
 * system call; never KA_NEED_... on return. */
struct ka_decision ka_apply_decide(const struct ka_config *cfg, int fd,
				   struct ka_socket_facts *s);

/* KA_CONFIGURE: sets the options, and with KEEPALIVE_DEBUG=2 says so,
 * naming where ("at socket()"...). KA_LEAVE: with KEEPALIVE_DEBUG=2 says why
 * (from the facts s the decision was made on), naming what the program did
 * ("connect()"...), or nothing when what is NULL. Returns whether it
 * configured. */
bool ka_apply_decision(const struct ka_config *cfg, int fd, const struct ka_decision *d,
		       const struct ka_socket_facts *s, const char *where, const char *what);

/* The state a configured descriptor is left in: a listener's queued
 * connections may not have inherited ours, so its accept() checks them. */
void ka_apply_mark_configured(int fd);

#endif
