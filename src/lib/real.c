/* Symbol resolution: dlsym(RTLD_NEXT, ...) on the first call of each hook.
 *
 * Not from our constructor: a process's first dlsym touches pages of the C
 * library and the loader that a program like /bin/true never does (four
 * page faults, about 25 µs on this project's machines, in every process that
 * preloads us), and a process that never calls a hook should pay nothing.
 *
 * Another library's constructor may call socket() before ours has run, and
 * threads may race for a first call, so each pointer is resolved when it is
 * still NULL. While one caller resolves a symbol, a concurrent or recursive
 * caller (a signal handler, or dlsym itself) must not wait: it takes the
 * raw system call instead, as does every caller if dlsym finds nothing. No
 * locks, no allocation of ours.
 *
 * A first call from a signal handler enters dlsym, which POSIX does not list
 * as async-signal-safe. glibc's takes the loader's lock, which is recursive
 * (a handler that interrupted dlopen() in the same thread goes on), and
 * allocates only to report a missing symbol, which these eight never are in
 * the C library. musl's takes a read lock: a handler that interrupted
 * dlopen() in the same thread, as the process's first call of that hook,
 * would wait for ever. */
#include <config.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "real.h"

struct next_symbol {
	const char *name;
	void *fn;  /* resolved pointer, published with release semantics */
	int busy;  /* someone is resolving, or dlsym failed for good */
};

static struct next_symbol next_socket = { "socket", NULL, 0 };
static struct next_symbol next_accept = { "accept", NULL, 0 };
static struct next_symbol next_accept4 = { "accept4", NULL, 0 };
static struct next_symbol next_connect = { "connect", NULL, 0 };
static struct next_symbol next_setsockopt = { "setsockopt", NULL, 0 };
static struct next_symbol next_close = { "close", NULL, 0 };
static struct next_symbol next_dup2 = { "dup2", NULL, 0 };
static struct next_symbol next_dup3 = { "dup3", NULL, 0 };

/* Returns the next definition, or NULL when the caller must use the system call. */
static void *resolve(struct next_symbol *s)
{
	void *fn = __atomic_load_n(&s->fn, __ATOMIC_ACQUIRE);

	if (fn != NULL)
		return fn;
	if (__atomic_exchange_n(&s->busy, 1, __ATOMIC_ACQ_REL))
		return NULL;
	fn = dlsym(RTLD_NEXT, s->name);
	if (fn != NULL) {
		__atomic_store_n(&s->fn, fn, __ATOMIC_RELEASE);
		__atomic_store_n(&s->busy, 0, __ATOMIC_RELEASE);
	}
	return fn;
}

int ka_real_socket(int domain, int type, int protocol)
{
	int (*fn)(int, int, int) = (int (*)(int, int, int))resolve(&next_socket);

	return fn ? fn(domain, type, protocol) : (int)syscall(SYS_socket, domain, type, protocol);
}

int ka_real_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	int (*fn)(int, struct sockaddr *, socklen_t *) =
		(int (*)(int, struct sockaddr *, socklen_t *))resolve(&next_accept);

	/* accept4 with no flags is accept; not every architecture has SYS_accept. */
	return fn ? fn(fd, addr, len) : (int)syscall(SYS_accept4, fd, addr, len, 0);
}

int ka_real_accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	int (*fn)(int, struct sockaddr *, socklen_t *, int) =
		(int (*)(int, struct sockaddr *, socklen_t *, int))resolve(&next_accept4);

	return fn ? fn(fd, addr, len, flags) : (int)syscall(SYS_accept4, fd, addr, len, flags);
}

int ka_real_connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	int (*fn)(int, const struct sockaddr *, socklen_t) =
		(int (*)(int, const struct sockaddr *, socklen_t))resolve(&next_connect);

	return fn ? fn(fd, addr, len) : (int)syscall(SYS_connect, fd, addr, len);
}

int ka_real_setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	int (*fn)(int, int, int, const void *, socklen_t) =
		(int (*)(int, int, int, const void *, socklen_t))resolve(&next_setsockopt);

	return fn ? fn(fd, level, name, value, len) :
		    (int)syscall(SYS_setsockopt, fd, level, name, value, len);
}

int ka_real_close(int fd)
{
	int (*fn)(int) = (int (*)(int))resolve(&next_close);

	return fn ? fn(fd) : (int)syscall(SYS_close, fd);
}

int ka_real_dup2(int fd, int target)
{
	int (*fn)(int, int) = (int (*)(int, int))resolve(&next_dup2);

	if (fn != NULL)
		return fn(fd, target);
#ifdef SYS_dup2
	return (int)syscall(SYS_dup2, fd, target);
#else
	/* dup3 refuses equal descriptors; dup2 then only checks fd. */
	if (fd == target)
		return syscall(SYS_fcntl, fd, F_GETFD) < 0 ? -1 : target;
	return (int)syscall(SYS_dup3, fd, target, 0);
#endif
}

int ka_real_dup3(int fd, int target, int flags)
{
	int (*fn)(int, int, int) = (int (*)(int, int, int))resolve(&next_dup3);

	return fn ? fn(fd, target, flags) : (int)syscall(SYS_dup3, fd, target, flags);
}
