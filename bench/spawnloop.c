/* Start-up cost: runs a program N times under each of several environments,
 * taking the environments in turn run by run, and prints the median time of
 * one run (spawn to exit) under each, in nanoseconds, on one line.
 *
 *   spawnloop N ENV... -- PROGRAM [ARG...]
 *
 * Each ENV is a space-separated list of NAME=VALUE, added to this process's
 * environment ("" adds nothing): "LD_PRELOAD=./libkeepalive.so KEEPALIVE_IDLE=60".
 * Taking them in turn at every run, not in blocks, leaves a drift of the
 * machine's speed (seen here over seconds) to every environment alike; the
 * median leaves out the runs an interrupt or another process slowed down. */
#include <config.h>

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "util.h"

extern char **environ;

struct variant {
	char **envp;
	uint64_t *ns;
};

/* NAME=VALUE from words, then the entries of environ not named there. */
static char **environment_with(char *words)
{
	size_t count = 0, n = 0;
	char **envp, *word, *rest;

	for (char **e = environ; *e != NULL; e++)
		count++;
	envp = calloc(count + strlen(words) / 2 + 2, sizeof *envp);
	if (envp == NULL)
		bench_die("calloc");
	for (word = strtok_r(words, " ", &rest); word != NULL; word = strtok_r(NULL, " ", &rest))
		envp[n++] = word;
	for (char **e = environ; *e != NULL; e++) {
		size_t name_len = strcspn(*e, "=");
		int named = 0;

		for (size_t i = 0; i < n && !named; i++)
			named = strncmp(envp[i], *e, name_len + 1) == 0;
		if (!named)
			envp[n++] = *e;
	}
	envp[n] = NULL;
	return envp;
}

static uint64_t run_once(char **argv, char **envp)
{
	uint64_t t0 = bench_now_ns();
	pid_t pid;
	int status, err;

	err = posix_spawn(&pid, argv[0], NULL, NULL, argv, envp);
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
	return bench_now_ns() - t0;
}

static int by_value(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	struct variant *variants;
	long n, i;
	int nvariants = 0, program = 2;

	while (program < argc && strcmp(argv[program], "--") != 0)
		program++;
	if (argc < 3 || program == 2 || program + 1 >= argc) {
		fprintf(stderr, "usage: spawnloop N ENV... -- PROGRAM [ARG...]\n");
		return 2;
	}
	n = bench_parse_long(argv[1], 1, 1000000, "N");
	variants = calloc((size_t)(program - 2), sizeof *variants);
	if (variants == NULL)
		bench_die("calloc");
	for (int a = 2; a < program; a++, nvariants++) {
		variants[nvariants].envp = environment_with(argv[a]);
		variants[nvariants].ns = calloc((size_t)n, sizeof(uint64_t));
		if (variants[nvariants].ns == NULL)
			bench_die("calloc");
		run_once(argv + program + 1, variants[nvariants].envp); /* warm the caches */
	}
	for (i = 0; i < n; i++)
		for (int v = 0; v < nvariants; v++)
			variants[v].ns[i] = run_once(argv + program + 1, variants[v].envp);
	for (int v = 0; v < nvariants; v++) {
		qsort(variants[v].ns, (size_t)n, sizeof(uint64_t), by_value);
		printf("%s%llu", v > 0 ? " " : "", (unsigned long long)variants[v].ns[n / 2]);
	}
	printf("\n");
	return 0;
}
