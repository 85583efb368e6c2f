/* Shared by the parser's unit tests: the suites and a fake environment. */
#ifndef KA_UNIT_H
#define KA_UNIT_H

#include <check.h>

#include "detect.h"
#include "messages.h"
#include "parse.h"
#include "ports.h"
#include "settings.h"

/* A NULL-terminated list of "NAME=VALUE" strings, and an array's length. */
#define ENV(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* A fake environment: "NAME=VALUE" strings, the list ended by NULL. */
struct fake_env {
	const char *const *pairs;
	int lookups; /* how many times ka_config_load asked */
};

const char *fake_lookup(const char *name, void *ctx);

/* A problem's line as the library words it, from "libkeepalive". */
static inline int library_problem_format(const struct ka_problem *problem,
					 const struct ka_config *cfg, char *buf, size_t len)
{
	return ka_problem_format(problem, cfg, "libkeepalive", problem->variable, buf, len);
}

/* Loads cfg from the given "NAME=VALUE" strings (NULL-terminated). */
void load_env(struct ka_config *cfg, const char *const *pairs);

/* The derived user timeout's rule: idle + intvl x cnt less a margin for the
 * lag of the first retransmission, 1 s, or 750 ms when intvl is 1 s. */
static inline long long derived_user_timeout_ms(const struct ka_config *cfg)
{
	return 1000LL * (cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt) -
	       (cfg->intvl_s > 1 ? 1000 : 750);
}

Suite *parse_suite(void);
Suite *load_suite(void);
Suite *messages_suite(void);
Suite *scope_suite(void);
Suite *detect_suite(void);
Suite *compat_suite(void);
Suite *decide_suite(void);
Suite *bpfrule_suite(void);

#endif
