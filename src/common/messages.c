/* Turning settings and problems into the lines users read. */
#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "messages.h"
#include "ports.h"
#include "settings.h"

const char *ka_decimal(char *buf, long long n)
{
	char *p = buf + KA_DECIMAL_SIZE - 1;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	*p = '\0';
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (n < 0)
		*--p = '-';
	return p;
}

void ka_value_shown(char *dst, const char *text)
{
	size_t n = strnlen(text, KA_VALUE_SHOWN + 1);
	size_t kept = n > KA_VALUE_SHOWN ? KA_VALUE_SHOWN : n;

	for (size_t i = 0; i < kept; i++) {
		unsigned char c = (unsigned char)text[i];

		dst[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (n > KA_VALUE_SHOWN)
		memcpy(dst + kept, "...", 4);
	else
		dst[kept] = '\0';
}

/* A user timeout outside (idle + intvl x (cnt - 1), idle + intvl x cnt]:
 * when detection of an idle dead peer happens instead. */
static int format_ut_mismatch(const struct ka_problem *problem, const struct ka_config *cfg,
			      const char *program, const char *subject, char *buf, size_t len)
{
	bool shorter = problem->kind == KA_PROBLEM_UT_SHORT;
	int probes = shorter ? cfg->cnt - 1 : cfg->cnt;

	return snprintf(buf, len,
			"%s: %s is %s KEEPALIVE_IDLE + KEEPALIVE_INTVL x "
			"%s (%ds + %ds x %d = %llds): with a user timeout the kernel "
			"ignores KEEPALIVE_CNT and drops an idle connection at the first probe "
			"%s, so an idle dead peer is noticed after %llds%s; applying both as given",
			program, subject, shorter ? "not longer than" : "longer than",
			shorter ? "(KEEPALIVE_CNT - 1)" : "KEEPALIVE_CNT", cfg->idle_s, cfg->intvl_s,
			probes, cfg->idle_s + (long long)cfg->intvl_s * probes,
			"once it has been idle that long", ka_config_idle_detection_ms(cfg) / 1000,
			shorter ? ", before KEEPALIVE_CNT probes" : ", later than the probes alone would");
}

/* Names the explicit settings that push detection past KEEPALIVE_DETECT. */
static int format_over_detect(const struct ka_problem *problem, const struct ka_config *cfg,
			      const char *program, const char *subject, char *buf, size_t len)
{
	const enum ka_setting timers[] = { KA_IDLE, KA_INTVL, KA_CNT, KA_USER_TIMEOUT };
	char names[160] = "";
	size_t used = 0;

	for (size_t i = 0; i < sizeof timers / sizeof timers[0]; i++) {
		const char *variable = cfg->source[timers[i]];

		if (variable != NULL && used < sizeof names)
			used += (size_t)snprintf(names + used, sizeof names - used, "%s%s",
						 used ? ", " : "", variable);
	}
	return snprintf(buf, len,
			"%s: %s set with %s give idle %ds + intvl %ds x cnt %d = %llds and a user "
			"timeout of %dms, more than %s allows: the kernel notices an idle dead peer "
			"after %llds and one with data in flight after %dms; applying as given",
			program, names, subject, cfg->idle_s, cfg->intvl_s, cfg->cnt,
			cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt, cfg->user_timeout_ms,
			problem->variable, ka_config_idle_detection_ms(cfg) / 1000,
			cfg->user_timeout_ms);
}

const char *ka_problem_kind_text(enum ka_problem_kind kind)
{
	switch (kind) {
	case KA_PROBLEM_RANGE:
		return "is out of range";
	case KA_PROBLEM_FRACTION:
		return "is not a whole number of seconds";
	default:
		return "is not valid";
	}
}

int ka_problem_format(const struct ka_problem *problem, const struct ka_config *cfg,
			 const char *program, const char *name, char *buf, size_t len)
{
	char subject[KA_VALUE_SHOWN_SIZE + 96];

	/* An option as it is typed (--idle '10x'), a variable as it is set. */
	snprintf(subject, sizeof subject, name[0] == '-' ? "%s '%s'" : "%s='%s'", name,
		 problem->value);
	if (problem->kind == KA_PROBLEM_UT_SHORT || problem->kind == KA_PROBLEM_UT_LONG)
		return format_ut_mismatch(problem, cfg, program, subject, buf, len);
	if (problem->kind == KA_PROBLEM_OVER_DETECT)
		return format_over_detect(problem, cfg, program, subject, buf, len);
	return snprintf(buf, len, "%s: %s %s: expected %s; using the default %s", program,
			subject, ka_problem_kind_text(problem->kind),
			ka_setting_accepted(problem->setting),
			ka_setting_info(problem->setting)->fallback_text);
}

/* snprintf at buf + used; used counts what the whole text needs, as
 * snprintf's return value does, even when buf is too small for it. buf may
 * be NULL with len 0 (to measure), and NULL + 0 is undefined in C. */
#define APPEND(...)                                                                  \
	do {                                                                         \
		size_t at_ = used < len ? used : len;                                \
		int n_ = snprintf(buf ? buf + at_ : NULL, len - at_, __VA_ARGS__);   \
		if (n_ > 0)                                                          \
			used += (size_t)n_;                                          \
	} while (0)

int ka_config_describe(const struct ka_config *cfg, char *buf, size_t len)
{
	size_t used = 0;

	if (len > 0)
		buf[0] = '\0';
	if (!cfg->enabled) {
		APPEND("off");
		return (int)used;
	}
	APPEND("idle=%ds intvl=%ds cnt=%d user_timeout=%dms", cfg->idle_s, cfg->intvl_s,
	       cfg->cnt, cfg->user_timeout_ms);
	if (cfg->user_timeout_derived && cfg->user_timeout_ms == INT_MAX)
		APPEND(" (the kernel's largest)");
	else if (cfg->user_timeout_derived)
		APPEND(" (idle + intvl x cnt - %lldms)",
		       1000LL * (cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt) -
			       cfg->user_timeout_ms);
	else if (cfg->user_timeout_ms == 0)
		APPEND(" (kernel default)");
	if (cfg->detect_s > 0)
		APPEND(" detect=%ds", cfg->detect_s);
	if (cfg->force)
		APPEND(" mode=force");
	if (cfg->role != KA_ROLE_ALL)
		APPEND(" role=%s", ka_setting_word(KA_ROLE, cfg->role));
	if (cfg->nports > 0) {
		char ports[KA_PORTS_TEXT_MAX];

		ka_ports_format(cfg->ports, cfg->nports, ports, sizeof ports);
		APPEND(" ports=%s", ports);
	}
	if (!cfg->inherit)
		APPEND(" inherit=no");
	return (int)used;
}
