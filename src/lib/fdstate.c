/* A byte per descriptor number, read and written atomically without locks.
 *
 * The table is in .bss: only the pages of descriptor numbers in use ever
 * become resident (one page covers 4096 descriptors). Numbers beyond it are
 * always KA_FD_UNKNOWN, which costs system calls but is never wrong.
 *
 * Close is not interposed, so an entry outlives its descriptor. Every socket
 * made through socket() or accept() overwrites the entry for its number; only
 * a number reused by a path we do not see (a raw system call, dup2) can meet
 * a stale entry. */
#include <config.h>

#include "fdstate.h"

#define KA_FD_TABLE_SIZE (1 << 20)

static unsigned char fd_table[KA_FD_TABLE_SIZE];

enum ka_fd_state ka_fd_get(int fd)
{
	if (fd < 0 || fd >= KA_FD_TABLE_SIZE)
		return KA_FD_UNKNOWN;
	return (enum ka_fd_state)__atomic_load_n(&fd_table[fd], __ATOMIC_RELAXED);
}

void ka_fd_set(int fd, enum ka_fd_state state)
{
	if (fd >= 0 && fd < KA_FD_TABLE_SIZE)
		__atomic_store_n(&fd_table[fd], (unsigned char)state, __ATOMIC_RELAXED);
}
