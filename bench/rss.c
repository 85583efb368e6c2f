/* Memory: prints this process's resident set (VmRSS, KiB) after it created
 * one TCP socket, so that a preload library has done its work once. */
#include <config.h>

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "util.h"

int main(void)
{
	char line[256];
	FILE *f;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		bench_die("socket");
	f = fopen("/proc/self/status", "r");
	if (f == NULL)
		bench_die("/proc/self/status");
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "VmRSS:", 6) == 0) {
			long kib = bench_parse_long(strtok(line + 6, " \t\nkB"), 0, 1L << 40, "VmRSS");

			printf("%ld\n", kib);
			fclose(f);
			close(fd);
			return 0;
		}
	}
	fprintf(stderr, "rss: no VmRSS line\n");
	return 1;
}
