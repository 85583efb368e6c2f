/* Turning settings and problems into the lines users read (messages.c). */
#ifndef KA_MESSAGES_H
#define KA_MESSAGES_H

#include "settings.h"

/* Copies what a user typed or set, as every message shows it: the first
 * KA_VALUE_SHOWN bytes, a cut marked with "...", control characters as '?'
 * (one line on a terminal and in syslog whatever the text holds). dst has
 * KA_VALUE_SHOWN_SIZE bytes. Async-signal-safe. */
void ka_value_shown(char *dst, const char *text);

/* n in decimal, written at the end of buf (KA_DECIMAL_SIZE bytes) without
 * stdio; returns where it starts. Async-signal-safe: the library's debug
 * lines use it in its hooks. */
#define KA_DECIMAL_SIZE 24
const char *ka_decimal(char *buf, long long n);

/* How a bad value is wrong, as a phrase: "is out of range", ... */
const char *ka_problem_kind_text(enum ka_problem_kind kind);

/* Writes the one-line message for a problem, from program ("keepalive",
 * "libkeepalive[1234 nginx]"), naming the value by name: an option
 * ("--idle", shown as --idle '10x') or a variable (KEEPALIVE_IDLE='10x');
 * returns what snprintf returns. */
int ka_problem_format(const struct ka_problem *problem, const struct ka_config *cfg,
		      const char *program, const char *name, char *buf, size_t len);

/* Writes the effective settings on one line ("idle=60s intvl=10s ..."). */
int ka_config_describe(const struct ka_config *cfg, char *buf, size_t len);

#endif
