/* Test helper: runs a command with fd 2 (stderr) connected to a UNIX stream
 * socket, as inetd does, then prints "fd2 bytes=N": what the command wrote
 * there. Exits with the command's status. */
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rawnet.h"

int main(int argc, char **argv)
{
	char buf[4096];
	long total = 0;
	ssize_t n;
	int sv[2], status;
	pid_t pid;

	if (argc < 2)
		return fprintf(stderr, "usage: kasockerr PROG [ARG...]\n"), 2;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		die("socketpair");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (dup2(sv[1], STDERR_FILENO) != STDERR_FILENO)
			_exit(126);
		close(sv[0]);
		close(sv[1]);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	close(sv[1]);
	/* EOF once the command and anything it left running closed fd 2. */
	while ((n = read(sv[0], buf, sizeof buf)) > 0)
		total += n;
	if (waitpid(pid, &status, 0) != pid)
		die("waitpid");
	printf("fd2 bytes=%ld\n", total);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
