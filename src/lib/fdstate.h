/* What this process knows about each descriptor number, without a system call. */
#ifndef KA_FDSTATE_H
#define KA_FDSTATE_H

enum ka_fd_state {
	KA_FD_UNKNOWN = 0,  /* not seen, or not a socket we track */
	KA_FD_OURS,         /* a TCP socket we configured or decided to respect */
	KA_FD_PENDING,      /* a TCP socket we created, to decide at connect or accept
			     * (scope filters need the address) */
	KA_FD_FOREIGN,      /* a TCP listener we did not configure first, not yet settled */
	KA_FD_SETTLED,      /* a foreign listener whose connections now inherit keepalive */
	KA_FD_LEFT,         /* not TCP, or outside the scope filters: left alone */
};

/* Options the program set itself on a socket we have not configured yet
 * (held back by a scope filter, or not seen created): ka_configure() leaves
 * them as the program set them. They share the state's byte. */
enum ka_option {
	KA_OPT_KEEPALIVE = 1 << 3,
	KA_OPT_IDLE = 1 << 4,
	KA_OPT_INTVL = 1 << 5,
	KA_OPT_CNT = 1 << 6,
	KA_OPT_USER_TIMEOUT = 1 << 7,
};

enum ka_fd_state ka_fd_get(int fd);
unsigned ka_fd_program_options(int fd);
/* Sets the state and forgets the program's options: the decision is made. */
void ka_fd_set(int fd, enum ka_fd_state state);
/* Sets the state and keeps the program's options: more decisions to come. */
void ka_fd_set_keeping_options(int fd, enum ka_fd_state state);
/* The whole entry of one number to another (dup2, dup3). */
void ka_fd_copy(int from, int to);
void ka_fd_add_program_option(int fd, enum ka_option option);

#endif
