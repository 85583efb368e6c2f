/* Another process's descriptors: listing its sockets in /proc/PID/fd and
 * taking copies of them with pidfd_getfd(2). The process is never stopped,
 * traced or signalled; each copy is the caller's to close at once. */
#ifndef KA_PROCFD_H
#define KA_PROCFD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* One socket descriptor of the process, as /proc/PID/fd listed it. */
struct ka_procfd {
	int fd;              /* the number in the process */
	unsigned long inode; /* "socket:[N]" */
};

/* A pidfd for pid (pidfd_open, Linux 5.3), or -1 with errno set. */
int ka_procfd_open(pid_t pid);

/* The socket descriptors of pid, sorted by number, in *fds (malloc'ed, the
 * caller frees it), and in *all how many descriptors it has (none: it is
 * exiting, or a kernel thread); returns false with errno set (EACCES: not
 * permitted, ENOENT: no such process). */
bool ka_procfd_list(pid_t pid, struct ka_procfd **fds, size_t *n, size_t *all);

enum ka_copy_result {
	KA_COPY_OK,
	KA_COPY_GONE,     /* closed since it was listed */
	KA_COPY_REPLACED, /* the number now holds another object */
	KA_COPY_FAILED,   /* pidfd_getfd failed: errno says why (EPERM, ESRCH, ENOSYS) */
};

/* Takes a copy of the listed descriptor into *copy, and checks that it is
 * the socket that was listed (same inode on the socket file system). */
enum ka_copy_result ka_procfd_copy(int pidfd, const struct ka_procfd *entry, int *copy);

/* What a failed pidfd_open, listing or copy needs, as a phrase for a
 * message: "needs root or CAP_SYS_PTRACE"... */
const char *ka_procfd_needs(int error);

/* The program name of pid (/proc/PID/comm), "?" when it cannot be read. */
void ka_procfd_comm(pid_t pid, char *buf, size_t len);

#endif
