/* Sockets under a seccomp filter that refuses setsockopt with EPERM, as a
 * sandbox might: the library's calls fail, the program's must go on.
 *
 *   kaseccomp run              sockets made here, checked; prints a summary
 *   kaseccomp exec PROG ARG... the filter installed, then PROG exec'd
 *   kaseccomp no-table PROG ARG...
 *                              PROG exec'd under a filter that refuses, with
 *                              ENOMEM, any mmap() of exactly 1 MiB: the
 *                              library's descriptor table (fdstate.c)
 *
 * "run" checks that socket(), connect() and accept() succeed, on sockets
 * made through the library and by raw system calls (so that connect() and
 * accept() try to configure them too), and that errno is what it was before
 * each successful call. Exit 77 where the filter cannot be installed. */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sockopts.h"

#if defined(HAVE_LINUX_SECCOMP_H) && defined(HAVE_LINUX_FILTER_H) && defined(HAVE_LINUX_AUDIT_H)
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#if defined(__x86_64__)
#define KA_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define KA_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif
#endif

#ifdef KA_AUDIT_ARCH
/* Every filter starts so: system calls of another architecture pass. */
#define KA_SAME_ARCH                                                                 \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),     \
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, KA_AUDIT_ARCH, 1, 0),            \
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
#define KA_LOAD_NR BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr))
/* The low 32 bits of argument n (little-endian). */
#define KA_LOAD_ARG_LOW(n) \
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args) + (n) * 8)
#define KA_FAIL(err) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((err) & SECCOMP_RET_DATA))
#define KA_ALLOW BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

static int install(struct sock_filter *code, unsigned short len)
{
	struct sock_fprog prog = { .len = len, .filter = code };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) != 0) {
		perror("kaseccomp: installing the filter");
		return -1;
	}
	return 0;
}

static int refuse_setsockopt(void)
{
	struct sock_filter code[] = {
		KA_SAME_ARCH,
		KA_LOAD_NR,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_setsockopt, 0, 1),
		KA_FAIL(EPERM),
		KA_ALLOW,
	};

	return install(code, sizeof code / sizeof code[0]);
}

static int refuse_table(void)
{
	struct sock_filter code[] = {
		KA_SAME_ARCH,
		KA_LOAD_NR,
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_mmap, 0, 3),
		KA_LOAD_ARG_LOW(1),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 1u << 20, 0, 1),
		KA_FAIL(ENOMEM),
		KA_ALLOW,
	};

	return install(code, sizeof code / sizeof code[0]);
}
#else
static int no_filter(void)
{
	fprintf(stderr, "kaseccomp: no seccomp headers or architecture for this build\n");
	return -1;
}
#define refuse_setsockopt no_filter
#define refuse_table no_filter
#endif

static int failures;

static void expect(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "kaseccomp: %s (errno %d: %s)\n", what, errno, strerror(errno));
		failures++;
	}
}

/* errno is set to a marker before each call; a successful call must keep it. */
#define MARK 4242

static int run(void)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof addr;
	struct sockopts o;
	int one = 1, listener, raw_listener, client, raw_client, conn;

	errno = MARK;
	listener = socket(AF_INET, SOCK_STREAM, 0);
	expect(listener >= 0 && errno == MARK, "socket() failed or changed errno");
	expect(setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 &&
	       errno == EPERM, "the filter does not refuse setsockopt");
	expect(bind(listener, (struct sockaddr *)&addr, sizeof addr) == 0 && listen(listener, 8) == 0 &&
	       getsockname(listener, (struct sockaddr *)&addr, &len) == 0, "listener setup");

	errno = MARK;
	client = socket(AF_INET, SOCK_STREAM, 0);
	expect(client >= 0 && errno == MARK, "socket() failed or changed errno");
	errno = MARK;
	expect(connect(client, (struct sockaddr *)&addr, sizeof addr) == 0 && errno == MARK,
	       "connect() failed or changed errno");
	errno = MARK;
	conn = accept(listener, NULL, NULL);
	expect(conn >= 0 && errno == MARK, "accept() failed or changed errno");
	expect(sockopts_read(conn, &o) == 0 && o.keepalive == 0, "accepted: keepalive set?");

	/* Sockets the library did not see created: connect() and accept()
	 * try to configure them, and are refused. */
	raw_listener = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	addr.sin_port = 0;
	len = sizeof addr;
	expect(raw_listener >= 0 && bind(raw_listener, (struct sockaddr *)&addr, sizeof addr) == 0 &&
	       listen(raw_listener, 8) == 0 &&
	       getsockname(raw_listener, (struct sockaddr *)&addr, &len) == 0, "raw listener setup");
	raw_client = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
	errno = MARK;
	expect(connect(raw_client, (struct sockaddr *)&addr, sizeof addr) == 0 && errno == MARK,
	       "connect() on a raw socket failed or changed errno");
	errno = MARK;
	conn = accept4(raw_listener, NULL, NULL, SOCK_CLOEXEC);
	expect(conn >= 0 && errno == MARK, "accept4() on a raw listener failed or changed errno");
	expect(sockopts_read(client, &o) == 0, "getsockopt");
	sockopts_print(stdout, "client", &o);
	printf("kaseccomp: %s\n", failures ? "FAILED" : "all calls succeeded, errno kept");
	return failures ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "run") == 0) {
		if (refuse_setsockopt() != 0)
			return 77;
		return run();
	}
	if (argc >= 3 && (strcmp(argv[1], "exec") == 0 || strcmp(argv[1], "no-table") == 0)) {
		int installed = strcmp(argv[1], "exec") == 0 ? refuse_setsockopt() : refuse_table();

		if (installed != 0)
			return 77;
		execv(argv[2], argv + 2);
		perror(argv[2]);
		return 127;
	}
	fprintf(stderr, "usage: kaseccomp run | kaseccomp exec|no-table PROGRAM [ARG...]\n");
	return 2;
}
