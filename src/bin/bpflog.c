/* libbpf's messages kept for the point of a refusal (bpflog.h). */
#include <config.h>

#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bpflog.h"

/* libbpf's messages, kept for a refusal (the verifier's log) and printed
 * only with -vv. */
static char libbpf_log[16384];
static size_t libbpf_used;
static int libbpf_verbose;

/* libbpf's print callback: the format is libbpf's own. */
__attribute__((format(printf, 2, 0))) static int
keep_libbpf_message(enum libbpf_print_level level, const char *format, va_list ap)
{
	va_list copy;
	int n;

	if (libbpf_verbose >= 2) {
		va_copy(copy, ap);
		vfprintf(stderr, format, copy);
		va_end(copy);
	}
	if (level == LIBBPF_DEBUG || libbpf_used >= sizeof libbpf_log - 1)
		return 0;
	n = vsnprintf(libbpf_log + libbpf_used, sizeof libbpf_log - libbpf_used, format, ap);
	if (n > 0)
		libbpf_used += (size_t)n < sizeof libbpf_log - libbpf_used
				       ? (size_t)n : sizeof libbpf_log - 1 - libbpf_used;
	return 0;
}

void ka_bpflog_start(int verbose)
{
	libbpf_verbose = verbose;
	libbpf_set_print(keep_libbpf_message);
}

/* The lines after libbpf's first complaint are its consequences, hence the
 * first without a log. */
const char *ka_bpflog_refusal(int error)
{
	static const char *const statistics[] = { "processed ", "verification time",
						  "stack depth", "-- " };
	char *log = strstr(libbpf_log, "-- BEGIN PROG LOAD LOG --"), *end, *line;
	const char *point = NULL;

	if (log == NULL || (end = strstr(log, "-- END PROG LOAD LOG --")) == NULL) {
		if (error == EPERM || error == EACCES)
			return NULL;
		line = strtok(libbpf_log, "\n");
		if (line == NULL)
			return "no message";
		return strncmp(line, "libbpf: ", 8) == 0 ? line + 8 : line;
	}
	*end = '\0';
	for (line = strtok(log, "\n"); line != NULL; line = strtok(NULL, "\n")) {
		bool stat = false;

		for (size_t i = 0; i < sizeof statistics / sizeof statistics[0]; i++)
			stat |= strncmp(line, statistics[i], strlen(statistics[i])) == 0;
		if (!stat)
			point = line;
	}
	return point != NULL ? point : "no message";
}
