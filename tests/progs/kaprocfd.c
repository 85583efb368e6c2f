/* Test helper: the checks of src/bin/procfd.c on this process itself. A
 * copy of a descriptor closed since it was listed is "gone", one whose
 * number now holds another socket is "replaced", never the wrong object. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "procfd.h"

static void expect(const char *what, enum ka_copy_result got, enum ka_copy_result want)
{
	if (got != want) {
		printf("FAIL: %s: got %d, expected %d\n", what, got, want);
		exit(1);
	}
	printf("ok: %s\n", what);
}

int main(void)
{
	struct ka_procfd *fds, listed = { -1, 0 };
	size_t n, all;
	int pidfd = ka_procfd_open(getpid());
	int s = socket(AF_INET, SOCK_STREAM, 0), copy;

	if (pidfd < 0) {
		printf("SKIP: pidfd_open: %s\n", ka_procfd_needs(errno));
		return 77;
	}
	if (!ka_procfd_list(getpid(), &fds, &n, &all)) {
		perror("list");
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		if (fds[i].fd == s)
			listed = fds[i];
	free(fds);
	if (listed.fd != s) {
		printf("FAIL: the socket is not listed\n");
		return 1;
	}
	if (ka_procfd_copy(pidfd, &listed, &copy) == KA_COPY_FAILED) {
		printf("SKIP: pidfd_getfd: %s\n", ka_procfd_needs(errno));
		return 77;
	}
	close(copy);
	expect("the listed socket", ka_procfd_copy(pidfd, &listed, &copy), KA_COPY_OK);
	close(copy);
	close(s);
	expect("closed since", ka_procfd_copy(pidfd, &listed, &copy), KA_COPY_GONE);
	/* The number reused for another socket, as the process may do. */
	if (socket(AF_INET, SOCK_STREAM, 0) != s) {
		printf("FAIL: the number was not reused\n");
		return 1;
	}
	expect("its number reused", ka_procfd_copy(pidfd, &listed, &copy), KA_COPY_REPLACED);
	if (copy != -1) {
		printf("FAIL: a copy was left open\n");
		return 1;
	}
	return 0;
}
