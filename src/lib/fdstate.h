/* What this process knows about each descriptor number, without a system call. */
#ifndef KA_FDSTATE_H
#define KA_FDSTATE_H

#include "sockopts.h"

enum ka_fd_state {
	KA_FD_UNSEEN = 0,      /* not seen made or decided: ask the kernel when it matters */
	KA_FD_DECIDED,         /* a TCP socket configured, or whose own keepalive stands:
				* nothing more to do, nor for what a listener accepts */
	KA_FD_AWAITING_ADDRESS, /* made here, decided at connect() or accept(): a scope
				 * filter needs the address */
	KA_FD_CHECKING_QUEUE,  /* a listener not configured when its connections queued:
				* each accepted one is checked */
	KA_FD_PASSING_ON,      /* such a listener whose connections now arrive with
				* keepalive: nothing more to do */
	KA_FD_LEFT_ALONE,      /* not TCP, or outside the scope: left, with its connections */
};

enum ka_fd_state ka_fd_get(int fd);
/* The options the program set itself on a socket not decided yet (enum
 * ka_option): configuring it later leaves them as the program set them. */
unsigned ka_fd_program_options(int fd);
/* Sets the state and forgets the program's options: the decision is made. */
void ka_fd_set(int fd, enum ka_fd_state state);
/* Sets the state and keeps the program's options: more decisions to come. */
void ka_fd_set_keeping_options(int fd, enum ka_fd_state state);
/* The whole entry of one number to another (dup2, dup3). */
void ka_fd_copy(int from, int to);
void ka_fd_add_program_option(int fd, enum ka_option option);

#endif
