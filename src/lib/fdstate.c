/* A byte per descriptor number, read and written atomically without locks.
 *
 * The table is mapped by the first hook that records something (mmap is a
 * system call: no allocator, safe in a signal handler), so a process that
 * never makes a socket does not pay for it at start-up: a 1 MiB .bss is a
 * mapping of its own, which the loader makes and exit() removes in every
 * process that preloads us. Only the pages of descriptor numbers in use
 * ever become resident (one page covers 4096 descriptors). Numbers beyond
 * it, and every number if the mapping fails, are always KA_FD_UNSEEN, which
 * costs system calls but is never wrong, except that the options a program
 * set on a socket before deciding are not remembered (in respect mode,
 * configuring it later may then replace them).
 *
 * close(), dup2() and dup3() clear or copy entries, and every socket made
 * through socket() or accept() writes the entry for its number, so an entry
 * outlives its descriptor only when the descriptor is closed where we cannot
 * see it (inside the C library, or by a raw system call). A stale entry then
 * costs a socket that reaches the same number by another unseen path its
 * keepalive: never anything more. */
#include <config.h>

#include <errno.h>
#include <sys/mman.h>

#include "fdstate.h"

#define KA_FD_TABLE_SIZE (1 << 20)

/* One byte: the state in the low bits, the program's options above them. */
#define KA_FD_STATE_BITS 0x07u
#define KA_FD_OPTIONS_SHIFT 3

_Static_assert(KA_FD_LEFT_ALONE <= KA_FD_STATE_BITS, "the states fit their bits");
_Static_assert((KA_OPT_ALL << KA_FD_OPTIONS_SHIFT) <= 0xffu, "the options fit the byte");
_Static_assert(((KA_OPT_ALL << KA_FD_OPTIONS_SHIFT) & KA_FD_STATE_BITS) == 0,
	       "the option bits and the state bits do not overlap");

static unsigned char *fd_table; /* published with release semantics */
static int fd_table_refused;    /* mmap failed: never asked again */

/* The table, or NULL when nothing was recorded yet. */
static unsigned char *table(void)
{
	return __atomic_load_n(&fd_table, __ATOMIC_ACQUIRE);
}

/* The table, mapped now if need be; NULL if it cannot be (a sandbox that
 * refuses mmap would otherwise cost one more refused call per socket). Two
 * threads may both map one: the one that loses unmaps its own. errno is
 * left alone. */
static unsigned char *table_for_writing(void)
{
	unsigned char *t = table(), *expected = NULL;
	int saved_errno;
	void *mapped;

	if (t != NULL || __atomic_load_n(&fd_table_refused, __ATOMIC_RELAXED))
		return t;
	saved_errno = errno;
	mapped = mmap(NULL, KA_FD_TABLE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		      -1, 0);
	if (mapped == MAP_FAILED) {
		__atomic_store_n(&fd_table_refused, 1, __ATOMIC_RELAXED);
		errno = saved_errno;
		return NULL;
	}
	t = mapped;
	if (!__atomic_compare_exchange_n(&fd_table, &expected, t, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		munmap(mapped, KA_FD_TABLE_SIZE);
		t = expected;
	}
	errno = saved_errno;
	return t;
}

static int in_table(int fd)
{
	return fd >= 0 && fd < KA_FD_TABLE_SIZE;
}

static unsigned entry(int fd)
{
	unsigned char *t = table();

	if (t == NULL || !in_table(fd))
		return KA_FD_UNSEEN;
	return __atomic_load_n(&t[fd], __ATOMIC_RELAXED);
}

/* Writes one entry; a number with no table yet is mapped only for an entry
 * that is not all zero (close() of a number never recorded maps nothing). */
static void store(int fd, unsigned value)
{
	unsigned char *t;

	if (!in_table(fd))
		return;
	t = value == KA_FD_UNSEEN ? table() : table_for_writing();
	if (t != NULL)
		__atomic_store_n(&t[fd], (unsigned char)value, __ATOMIC_RELAXED);
}

enum ka_fd_state ka_fd_get(int fd)
{
	return (enum ka_fd_state)(entry(fd) & KA_FD_STATE_BITS);
}

unsigned ka_fd_program_options(int fd)
{
	return entry(fd) >> KA_FD_OPTIONS_SHIFT;
}

void ka_fd_add_program_option(int fd, enum ka_option option)
{
	unsigned char *t = in_table(fd) ? table_for_writing() : NULL;

	if (t != NULL)
		__atomic_or_fetch(&t[fd], (unsigned char)(option << KA_FD_OPTIONS_SHIFT),
				  __ATOMIC_RELAXED);
}

void ka_fd_set(int fd, enum ka_fd_state state)
{
	store(fd, state);
}

void ka_fd_set_keeping_options(int fd, enum ka_fd_state state)
{
	store(fd, (entry(fd) & ~KA_FD_STATE_BITS) | state);
}

void ka_fd_copy(int from, int to)
{
	store(to, entry(from));
}
