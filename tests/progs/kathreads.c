/* Test helper run under the preload: 8 threads make 500 TCP sockets each,
 * all at once, hold them all open, then check that every one has keepalive
 * on with TCP_KEEPIDLE IDLE before closing it.
 *
 *   kathreads IDLE      exit 0: all good, 1: some not, 77: too few descriptors
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "rawnet.h"
#include "sockopts.h"

#define THREADS 8
#define SOCKETS 500

static pthread_barrier_t start, all_open;
static int want_idle;

static void *work(void *arg)
{
	int fds[SOCKETS];
	long bad = 0;

	(void)arg;
	pthread_barrier_wait(&start);
	for (int i = 0; i < SOCKETS; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | (i % 2 ? SOCK_NONBLOCK | SOCK_CLOEXEC : 0), 0);
		if (fds[i] < 0)
			die("socket");
	}
	pthread_barrier_wait(&all_open);
	for (int i = 0; i < SOCKETS; i++) {
		struct sockopts o;

		if (sockopts_read(fds[i], &o) != 0 || o.keepalive != 1 || o.idle != want_idle)
			bad++;
		close(fds[i]);
	}
	return (void *)bad;
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	pthread_t t[THREADS];
	long bad = 0;

	if (argc != 2)
		return fprintf(stderr, "usage: kathreads IDLE\n"), 2;
	want_idle = (int)number_arg(argv[1], 1, 32767);
	/* Room for every socket at once, plus stdio and the like. */
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		die("getrlimit");
	if (rl.rlim_cur < THREADS * SOCKETS + 64) {
		rl.rlim_cur = rl.rlim_max;
		if (rl.rlim_cur < THREADS * SOCKETS + 64 || setrlimit(RLIMIT_NOFILE, &rl) != 0)
			return fprintf(stderr, "kathreads: too few descriptors allowed\n"), 77;
	}
	pthread_barrier_init(&start, NULL, THREADS);
	pthread_barrier_init(&all_open, NULL, THREADS);
	for (int i = 0; i < THREADS; i++)
		if (pthread_create(&t[i], NULL, work, NULL) != 0)
			die("pthread_create");
	for (int i = 0; i < THREADS; i++) {
		void *r;

		pthread_join(t[i], &r);
		bad += (long)r;
	}
	printf("sockets %d without keepalive %ld\n", THREADS * SOCKETS, bad);
	return bad == 0 ? 0 : 1;
}
