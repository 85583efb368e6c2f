/* Start-up cost: runs a program N times, one after the other, and prints the
 * mean time of one run (spawn to exit) in nanoseconds. The program inherits
 * this process's environment, LD_PRELOAD included.
 *
 *   spawnloop N PROGRAM [ARG...] */
#include <config.h>

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "util.h"

extern char **environ;

static void run_once(char **argv)
{
	pid_t pid;
	int status, err;

	err = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
	if (err != 0) {
		fprintf(stderr, "spawnloop: cannot run %s\n", argv[0]);
		exit(1);
	}
	if (waitpid(pid, &status, 0) < 0)
		bench_die("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "spawnloop: %s failed\n", argv[0]);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	long n, i;
	uint64_t t0;

	if (argc < 3) {
		fprintf(stderr, "usage: spawnloop N PROGRAM [ARG...]\n");
		return 2;
	}
	n = bench_parse_long(argv[1], 1, 1000000, "N");
	run_once(argv + 2);
	t0 = bench_now_ns();
	for (i = 0; i < n; i++)
		run_once(argv + 2);
	printf("%.1f\n", (double)(bench_now_ns() - t0) / (double)n);
	return 0;
}
