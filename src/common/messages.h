/* Turning settings and problems into the lines users read (messages.c). */
#ifndef KA_MESSAGES_H
#define KA_MESSAGES_H

#include "settings.h"

/* How a bad value is wrong, as a phrase: "is out of range", ... */
const char *ka_problem_kind_text(enum ka_problem_kind kind);

/* Writes the one-line message for a problem, as the library gives it
 * ("libkeepalive: KEEPALIVE_IDLE='10x' is not valid..."); returns what
 * snprintf returns. */
int ka_problem_format(const struct ka_problem *problem, const struct ka_config *cfg,
		      char *buf, size_t len);

/* The same from another program, naming the value by name: an option
 * ("--idle", shown as --idle '10x') or a variable (KEEPALIVE_IDLE='10x'). */
int ka_problem_format_as(const struct ka_problem *problem, const struct ka_config *cfg,
			 const char *program, const char *name, char *buf, size_t len);

/* Writes the effective settings on one line ("idle=60s intvl=10s ..."). */
int ka_config_describe(const struct ka_config *cfg, char *buf, size_t len);

#endif
