/* Runs the fuzz target's entry point over files, as libFuzzer would replay
 * them, in builds without libFuzzer: make check replays the seed corpus so
 * that a parser regression is caught without clang.
 *
 *   replay FILE|DIRECTORY...
 */
#include <config.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REPLAY_MAX_INPUT (2 << 20) /* 2 MiB: room for 1 MiB values */

static int run_file(const char *path)
{
	static uint8_t data[REPLAY_MAX_INPUT];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	n = fread(data, 1, sizeof data, f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "replay: %s: unreadable or over %d bytes\n", path, REPLAY_MAX_INPUT);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(data, n);
	return 1;
}

static int run_path(const char *path)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int total = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	dir = opendir(path);
	if (dir == NULL) {
		perror(path);
		return -1;
	}
	while ((d = readdir(dir)) != NULL) {
		char sub[4096];
		int n;

		if (d->d_name[0] == '.')
			continue;
		if (snprintf(sub, sizeof sub, "%s/%s", path, d->d_name) >= (int)sizeof sub) {
			total = -1;
			break;
		}
		n = run_path(sub);
		if (n < 0) {
			total = -1;
			break;
		}
		total += n;
	}
	closedir(dir);
	return total;
}

int main(int argc, char **argv)
{
	int total = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: replay FILE|DIRECTORY...\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		int n = run_path(argv[i]);

		if (n < 0)
			return 1;
		total += n;
	}
	printf("replay: %d inputs, all checks passed\n", total);
	return 0;
}
