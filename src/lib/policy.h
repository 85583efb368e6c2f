/* When to act: the decisions behind each hook.
 *
 * Each function runs after (or, for connect, before) the real call, only when
 * that call succeeded, and leaves errno exactly as it found it. */
#ifndef KA_POLICY_H
#define KA_POLICY_H

void ka_after_socket(int fd, int domain, int type, int protocol);
void ka_after_accept(int listener, int conn);
void ka_before_connect(int fd);

#endif
