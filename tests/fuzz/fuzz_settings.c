/* Fuzz target for the settings parser (src/common).
 *
 * The input is split at NUL bytes into one value per variable, in the order
 * of enum ka_setting (KEEPALIVE, _IDLE, _INTVL, _CNT, _USER_TIMEOUT, _DEBUG,
 * _MODE, _DETECT, _ROLE, _PORTS, _INHERIT; the older shims' names stay unset);
 * variables past the last piece are unset. The whole input, up to its first
 * NUL, is also given to ka_parse_duration_ms and to ka_parse_setting for
 * every setting. After loading, every value must be inside the kernel's
 * ranges, and a setting left at its default despite a non-blank value must
 * have its problem recorded. Messages are written into heap buffers of the
 * exact size asked for, so that AddressSanitizer sees any overflow.
 *
 * Built with -fsanitize=fuzzer by --enable-fuzzing; tests/fuzz/replay.c runs
 * the same entry point over the corpus in every build. */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "messages.h"
#include "parse.h"
#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                  \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "fuzz_settings: %s:%d: check failed: %s\n", \
				__FILE__, __LINE__, #cond);                          \
			abort();                                                     \
		}                                                                    \
	} while (0)

struct env {
	const char *value[KA_SETTING_COUNT]; /* NULL: unset */
};

static const char *lookup(const char *name, void *ctx)
{
	const struct env *env = ctx;

	for (int s = 0; s < KA_SETTING_COUNT; s++) {
		if (strcmp(name, ka_setting_variable((enum ka_setting)s)) == 0)
			return env->value[s];
		for (const char *const *v = ka_setting_compat_variables(s); *v != NULL; v++)
			if (strcmp(name, *v) == 0)
				return NULL; /* the older shims' variables stay unset */
	}
	CHECK(strcmp(name, KA_OWNER_PID_VARIABLE) == 0 || strcmp(name, KA_CHECKED_VARIABLE) == 0);
	return NULL;
}

static bool blank(const char *text)
{
	return text[strspn(text, " \t\n\r\f\v")] == '\0';
}

/* A problem of the given kind recorded for the setting. */
static bool has_problem(const struct ka_config *cfg, enum ka_setting s, enum ka_problem_kind kind)
{
	for (int i = 0; i < cfg->nproblems; i++)
		if (cfg->problems[i].setting == s && cfg->problems[i].kind == kind)
			return true;
	return false;
}

/* The value itself was rejected. */
static bool rejected(const struct ka_config *cfg, enum ka_setting s)
{
	return has_problem(cfg, s, KA_PROBLEM_FORM) || has_problem(cfg, s, KA_PROBLEM_RANGE) ||
	       has_problem(cfg, s, KA_PROBLEM_FRACTION);
}

/* Writes a message with snprintf semantics into heap buffers of a few sizes
 * around 0, half and the full length, each exactly as large as announced. */
typedef int writer_fn(const void *what, const struct ka_config *cfg, char *buf, size_t len);

static void check_writer(writer_fn *write, const void *what, const struct ka_config *cfg)
{
	int n = write(what, cfg, NULL, 0);

	size_t sizes[] = { 0, 1, 2, (size_t)n / 2, (size_t)n, (size_t)n + 1 };

	CHECK(n > 0 && n < 4096);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		size_t len = sizes[i];
		char *buf = malloc(len ? len : 1);

		CHECK(buf != NULL);
		CHECK(write(what, cfg, len ? buf : NULL, len) == n);
		if (len > 0)
			CHECK(strlen(buf) == (len > (size_t)n ? (size_t)n : len - 1));
		free(buf);
	}
}

static int write_problem(const void *what, const struct ka_config *cfg, char *buf, size_t len)
{
	const struct ka_problem *problem = what;

	return ka_problem_format(problem, cfg, "libkeepalive", problem->variable, buf, len);
}

static int write_config(const void *what, const struct ka_config *cfg, char *buf, size_t len)
{
	(void)what;
	return ka_config_describe(cfg, buf, len);
}

static void check_range(const struct ka_config *cfg, enum ka_setting s, long long value,
			long long min, long long max, const struct env *env)
{
	const char *text = env->value[s];

	CHECK(value >= min && value <= max);
	if (cfg->source[s] != NULL) {
		CHECK(strcmp(cfg->source[s], ka_setting_variable(s)) == 0);
		CHECK(text != NULL && !blank(text));
		CHECK(!rejected(cfg, s));
	} else if (text != NULL && !blank(text)) {
		CHECK(rejected(cfg, s)); /* rejected, and said so */
	} else {
		CHECK(!rejected(cfg, s));
	}
}

/* Timers not set explicitly come from KEEPALIVE_DETECT when it is set: the
 * split's values, or, around explicit ones, values that make the sum exact. */
static void check_timers(const struct ka_config *cfg)
{
	int split[3];
	const int values[3] = { cfg->idle_s, cfg->intvl_s, cfg->cnt };
	const enum ka_setting which[3] = { KA_IDLE, KA_INTVL, KA_CNT };
	long long sum = cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt;
	bool any_explicit = false;

	if (cfg->detect_s > 0)
		ka_detect_split(cfg->detect_s, &split[0], &split[1], &split[2]);
	for (int i = 0; i < 3; i++) {
		bool derived = cfg->detect_s > 0 && cfg->source[which[i]] == NULL;

		CHECK(cfg->from_detect[which[i]] == derived);
		any_explicit = any_explicit || cfg->source[which[i]] != NULL;
	}
	for (int i = 0; i < 3; i++)
		if (cfg->from_detect[which[i]] && (!any_explicit || sum != cfg->detect_s))
			CHECK(values[i] == split[i]);
}

static void check_config(const struct ka_config *cfg, const struct env *env)
{
	long long detection = 1000LL * (cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt);
	long long detect_ms = 1000LL * cfg->detect_s;
	/* The derived user timeout: the bound less 1 s (750 ms for intvl 1 s). */
	long long margin = cfg->intvl_s > 1 ? 1000 : 750;
	long long bound = cfg->detect_s > 0 && detect_ms < detection ? detect_ms : detection;
	bool mismatch;

	check_range(cfg, KA_ENABLE, cfg->enabled, 0, 1, env);
	check_range(cfg, KA_IDLE, cfg->idle_s, KA_SECONDS_MIN, KA_SECONDS_MAX, env);
	check_range(cfg, KA_INTVL, cfg->intvl_s, KA_SECONDS_MIN, KA_SECONDS_MAX, env);
	check_range(cfg, KA_CNT, cfg->cnt, KA_CNT_MIN, KA_CNT_MAX, env);
	check_range(cfg, KA_USER_TIMEOUT, cfg->user_timeout_ms, 0, INT_MAX, env);
	check_range(cfg, KA_DEBUG, cfg->debug, 0, KA_DEBUG_MAX, env);
	check_range(cfg, KA_MODE, cfg->force, 0, 1, env);
	check_range(cfg, KA_DETECT, cfg->detect_s, 0, KA_DETECT_MAX_S, env);
	CHECK(cfg->detect_s == 0 || cfg->detect_s >= KA_DETECT_MIN_S);
	check_range(cfg, KA_ROLE, cfg->role, KA_ROLE_ALL, KA_ROLE_SERVER, env);
	check_range(cfg, KA_PORTS, cfg->nports, 0, KA_MAX_PORT_RANGES, env);
	for (int i = 0; i < cfg->nports; i++)
		CHECK(cfg->ports[i].lo >= 1 && cfg->ports[i].lo <= cfg->ports[i].hi &&
		      cfg->ports[i].hi <= 65535);
	check_range(cfg, KA_INHERIT, cfg->inherit, 0, 1, env);
	check_timers(cfg);

	if (cfg->source[KA_USER_TIMEOUT] != NULL) {
		CHECK(!cfg->user_timeout_derived && !cfg->from_detect[KA_USER_TIMEOUT]);
	} else if (cfg->detect_s > 0) {
		CHECK(cfg->from_detect[KA_USER_TIMEOUT] && cfg->user_timeout_ms == bound - margin);
	} else {
		CHECK(cfg->user_timeout_derived);
		CHECK(cfg->user_timeout_ms ==
		      (bound - margin > INT_MAX ? INT_MAX : bound - margin));
	}
	/* Only a user timeout outside (idle + intvl x (cnt - 1), idle + intvl
	 * x cnt] moves idle detection, and is warned about. */
	mismatch = cfg->detect_s == 0 && cfg->source[KA_USER_TIMEOUT] != NULL &&
		   cfg->user_timeout_ms > 0 &&
		   (cfg->user_timeout_ms > detection ||
		    cfg->user_timeout_ms <= detection - 1000LL * cfg->intvl_s);
	CHECK(has_problem(cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_SHORT) ==
	      (mismatch && cfg->user_timeout_ms < detection));
	CHECK(has_problem(cfg, KA_USER_TIMEOUT, KA_PROBLEM_UT_LONG) ==
	      (mismatch && cfg->user_timeout_ms > detection));
	CHECK(has_problem(cfg, KA_DETECT, KA_PROBLEM_OVER_DETECT) ==
	      (cfg->detect_s > 0 && (detection > detect_ms || cfg->user_timeout_ms > detect_ms ||
				     ka_config_idle_detection_ms(cfg) > detect_ms)));

	CHECK(cfg->nproblems >= 0 && cfg->nproblems <= KA_MAX_PROBLEMS);
	for (int i = 0; i < cfg->nproblems; i++) {
		const struct ka_problem *p = &cfg->problems[i];

		CHECK((int)p->setting >= 0 && (int)p->setting < KA_SETTING_COUNT);
		CHECK(memchr(p->value, '\0', sizeof p->value) != NULL);
		check_writer(write_problem, p, cfg);
	}
	check_writer(write_config, NULL, cfg);
}

static void check_single(const char *text)
{
	enum ka_problem_kind kind;
	long long value;
	bool empty;

	if (ka_parse_duration_ms(text, &value, &kind))
		CHECK(value >= 0 && value <= KA_DURATION_MAX_MS);
	else
		CHECK(kind == KA_PROBLEM_FORM || kind == KA_PROBLEM_RANGE);

	for (int s = 0; s < KA_SETTING_COUNT; s++) {
		bool ok = ka_parse_setting((enum ka_setting)s, text, &value, &empty, &kind);

		CHECK(empty == blank(text));
		CHECK(!(ok && empty));
		if (!ok && !empty)
			CHECK(kind == KA_PROBLEM_FORM || kind == KA_PROBLEM_RANGE ||
			      kind == KA_PROBLEM_FRACTION);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	struct env env = { { NULL } };
	struct ka_config cfg;
	size_t at = 0;

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (int s = 0; s < KA_SETTING_COUNT && at <= size; s++) {
		env.value[s] = copy + at;
		at += strlen(copy + at) + 1;
	}

	check_single(copy);
	ka_config_load(&cfg, lookup, &env);
	check_config(&cfg, &env);
	free(copy);
	return 0;
}
