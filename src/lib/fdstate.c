/* A byte per descriptor number, read and written atomically without locks.
 *
 * The table is in .bss: only the pages of descriptor numbers in use ever
 * become resident (one page covers 4096 descriptors). Numbers beyond it are
 * always KA_FD_UNSEEN, which costs system calls but is never wrong.
 *
 * close(), dup2() and dup3() clear or copy entries, and every socket made
 * through socket() or accept() writes the entry for its number, so an entry
 * outlives its descriptor only when the descriptor is closed where we cannot
 * see it (inside the C library, or by a raw system call). A stale entry then
 * costs a socket that reaches the same number by another unseen path its
 * keepalive: never anything more. */
#include <config.h>

#include "fdstate.h"

#define KA_FD_TABLE_SIZE (1 << 20)

/* One byte: the state in the low bits, the program's options above them. */
#define KA_FD_STATE_BITS 0x07u
#define KA_FD_OPTIONS_SHIFT 3

_Static_assert(KA_FD_LEFT_ALONE <= KA_FD_STATE_BITS, "the states fit their bits");
_Static_assert((KA_OPT_ALL << KA_FD_OPTIONS_SHIFT) <= 0xffu, "the options fit the byte");
_Static_assert(((KA_OPT_ALL << KA_FD_OPTIONS_SHIFT) & KA_FD_STATE_BITS) == 0,
	       "the option bits and the state bits do not overlap");

static unsigned char fd_table[KA_FD_TABLE_SIZE];

static unsigned entry(int fd)
{
	if (fd < 0 || fd >= KA_FD_TABLE_SIZE)
		return KA_FD_UNSEEN;
	return __atomic_load_n(&fd_table[fd], __ATOMIC_RELAXED);
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
	if (fd >= 0 && fd < KA_FD_TABLE_SIZE)
		__atomic_or_fetch(&fd_table[fd], (unsigned char)(option << KA_FD_OPTIONS_SHIFT),
				  __ATOMIC_RELAXED);
}

void ka_fd_set(int fd, enum ka_fd_state state)
{
	if (fd >= 0 && fd < KA_FD_TABLE_SIZE)
		__atomic_store_n(&fd_table[fd], (unsigned char)state, __ATOMIC_RELAXED);
}

void ka_fd_set_keeping_options(int fd, enum ka_fd_state state)
{
	if (fd >= 0 && fd < KA_FD_TABLE_SIZE)
		__atomic_store_n(&fd_table[fd], (unsigned char)((entry(fd) & ~KA_FD_STATE_BITS) | state),
				 __ATOMIC_RELAXED);
}

void ka_fd_copy(int from, int to)
{
	if (to >= 0 && to < KA_FD_TABLE_SIZE)
		__atomic_store_n(&fd_table[to], (unsigned char)entry(from), __ATOMIC_RELAXED);
}
