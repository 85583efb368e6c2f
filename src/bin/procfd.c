/* Listing another process's sockets and taking copies of them.
 *
 * pidfd_getfd(2) (Linux 5.6) needs PTRACE_MODE_ATTACH_REALCREDS over the
 * process: root, CAP_SYS_PTRACE, or the same user where Yama allows. A
 * number listed in /proc/PID/fd may be closed, or reused for another file,
 * before the copy is taken: the copy is checked against the inode the
 * listing showed, so that the wrong object is never configured. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procfd.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

int ka_procfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static int by_number(const void *a, const void *b)
{
	const struct ka_procfd *x = a, *y = b;

	return (x->fd > y->fd) - (x->fd < y->fd);
}

/* The inode of a "socket:[N]" link, 0 for any other file. */
static unsigned long socket_inode(int dir, const char *name)
{
	char target[64];
	unsigned long inode;
	ssize_t len = readlinkat(dir, name, target, sizeof target - 1);
	char end;

	if (len <= 0)
		return 0;
	target[len] = '\0';
	if (sscanf(target, "socket:[%lu%c", &inode, &end) != 2 || end != ']')
		return 0;
	return inode;
}

bool ka_procfd_list(pid_t pid, struct ka_procfd **fds, size_t *n, size_t *all)
{
	char path[64];
	struct ka_procfd *list = NULL;
	size_t used = 0, size = 0;
	struct dirent *e;
	DIR *dir;

	snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
	dir = opendir(path);
	if (dir == NULL)
		return false;
	*all = 0;
	while ((errno = 0, e = readdir(dir)) != NULL) {
		char *end;
		long fd = strtol(e->d_name, &end, 10);
		unsigned long inode;

		if (e->d_name[0] < '0' || e->d_name[0] > '9' || *end != '\0')
			continue;
		++*all;
		inode = socket_inode(dirfd(dir), e->d_name);
		if (inode == 0)
			continue;
		if (used == size) {
			size_t more = size ? 2 * size : 64;
			struct ka_procfd *grown = realloc(list, more * sizeof *list);

			if (grown == NULL)
				goto fail;
			list = grown;
			size = more;
		}
		list[used++] = (struct ka_procfd){ (int)fd, inode };
	}
	if (errno != 0)
		goto fail;
	closedir(dir);
	if (used > 0) /* qsort(NULL, 0, ...) is undefined */
		qsort(list, used, sizeof *list, by_number);
	*fds = list;
	*n = used;
	return true;
fail: {
	int error = errno;

	closedir(dir);
	free(list);
	errno = error;
	return false;
}
}

/* The device of the socket file system, from a socket of our own. */
static dev_t sockfs_device(void)
{
	static dev_t dev;
	static bool known;

	if (!known) {
		int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		struct stat st;

		if (s >= 0 && fstat(s, &st) == 0) {
			dev = st.st_dev;
			known = true;
		}
		if (s >= 0)
			close(s);
	}
	return dev;
}

enum ka_copy_result ka_procfd_copy(int pidfd, const struct ka_procfd *entry, int *copy)
{
	struct stat st;
	int fd = (int)syscall(SYS_pidfd_getfd, pidfd, entry->fd, 0);

	*copy = -1;
	if (fd < 0)
		return errno == EBADF ? KA_COPY_GONE : KA_COPY_FAILED;
	if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) || st.st_ino != entry->inode ||
	    st.st_dev != sockfs_device()) {
		close(fd);
		return KA_COPY_REPLACED;
	}
	*copy = fd;
	return KA_COPY_OK;
}

const char *ka_procfd_needs(int error)
{
	switch (error) {
	case EPERM:
	case EACCES:
		return "permission denied: needs root or CAP_SYS_PTRACE (or the same user, "
		       "where Yama allows)";
	case ESRCH:
	case ENOENT:
		return "no such process";
	case ENOSYS:
		return "the kernel has no pidfd_getfd: needs Linux 5.6";
	default:
		return strerror(error);
	}
}

void ka_procfd_comm(pid_t pid, char *buf, size_t len)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/comm", (long)pid);
	f = fopen(path, "re");
	if (f == NULL || fgets(buf, (int)len, f) == NULL)
		snprintf(buf, len, "?");
	else
		buf[strcspn(buf, "\n")] = '\0';
	if (f != NULL)
		fclose(f);
}
