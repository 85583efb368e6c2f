/* Test helpers: loopback sockets made with raw system calls, which the
 * preload library never sees, and small parsing and checking helpers. */
#ifndef KA_TEST_RAWNET_H
#define KA_TEST_RAWNET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <sys/socket.h>

int raw_socket(int domain, int type, int protocol);
int raw_connect(int fd, const struct sockaddr_in *addr);
/* A TCP client connected to addr, made without the library's knowledge. */
int raw_client(const struct sockaddr_in *addr);
/* A TCP listener on 127.0.0.1, ephemeral port; raw: made by system calls. */
int loopback_listener(bool raw);
int local_address(int fd, struct sockaddr_in *addr);
/* An address on 127.0.0.1 where nothing listens: the port stays bound to
 * *holder (not listening), so connections to it are refused. */
int refused_address(struct sockaddr_in *addr, int *holder);

int set_int(int fd, int level, int name, int value);
/* Parses a whole decimal number in [min, max]; exits with status 2 if it is not one. */
long number_arg(const char *text, long min, long max);
/* Prints what failed with errno and exits with status 1. */
void die(const char *what) __attribute__((noreturn));

#endif
