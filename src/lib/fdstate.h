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

enum ka_fd_state ka_fd_get(int fd);
void ka_fd_set(int fd, enum ka_fd_state state);

#endif
