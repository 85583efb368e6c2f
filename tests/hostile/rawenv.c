/* Runs a program with extra environment entries taken literally, which env(1)
 * cannot make: entries without '=', duplicates, arbitrary bytes.
 *
 *   rawenv ENTRY... -- PROGRAM [ARG...]
 *
 * The entries come before the current environment, in the order given. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	size_t nenv = 0, n = 0;
	char **env;
	int sep;

	for (sep = 1; sep < argc && strcmp(argv[sep], "--") != 0; sep++)
		;
	if (sep >= argc - 1) {
		fprintf(stderr, "usage: rawenv ENTRY... -- PROGRAM [ARG...]\n");
		return 2;
	}
	while (environ[nenv] != NULL)
		nenv++;
	env = calloc((size_t)sep + nenv, sizeof *env);
	if (env == NULL)
		return perror("calloc"), 2;
	for (int i = 1; i < sep; i++)
		env[n++] = argv[i];
	for (size_t i = 0; i < nenv; i++)
		env[n++] = environ[i];
	env[n] = NULL;
	execve(argv[sep + 1], argv + sep + 1, env);
	perror(argv[sep + 1]);
	return 127;
}
