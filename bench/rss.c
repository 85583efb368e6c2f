/* Memory: prints this process's resident set and its anonymous part
 * (VmRSS and RssAnon from /proc/self/status, KiB) after it created one TCP
 * socket, so that a preload library has done its work once. VmRSS also
 * counts the shared C library pages this process happens to map, which
 * varies from run to run; RssAnon is what the process has to itself. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

static long field(FILE *f, const char *name)
{
	char line[256];
	size_t n = strlen(name);

	rewind(f);
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, name, n) == 0 && line[n] == ':')
			return bench_parse_long(strtok(line + n + 1, " \t\nkB"), 0, 1L << 40, name);
	fprintf(stderr, "rss: no %s line\n", name);
	exit(1);
}

int main(void)
{
	FILE *f;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		bench_die("socket");
	f = fopen("/proc/self/status", "r");
	if (f == NULL)
		bench_die("/proc/self/status");
	printf("%ld %ld\n", field(f, "VmRSS"), field(f, "RssAnon"));
	fclose(f);
	close(fd);
	return 0;
}
