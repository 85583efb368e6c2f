/* Concurrency stress under the preload: everything that can happen at once.
 *
 *   stress SECONDS IDLE INTVL CNT KAPROBE
 *
 * Eight worker threads create a listener, then connect to it, accept (accept
 * and accept4 in turn) and close, over and over; two threads fork children
 * that create a socket and check it; one thread fork+execs KAPROBE and reads
 * what it prints; and a signal thread interrupts the workers with SIGUSR1
 * (pthread_kill) while an interval timer sends SIGALRM, both handlers making
 * a socket and checking it. Nothing is done before the threads start, so the
 * library's lazy symbol lookup and settings load race too.
 *
 * Every TCP socket must carry keepalive with IDLE, INTVL, CNT and the derived
 * user timeout. A watchdog thread ends the run with exit 3 if it takes more
 * than SECONDS + 20 s (a deadlock); exit 1 means some socket was wrong. */
#include <config.h>

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 8
#define FORKERS 2
#define MAX_CONNECTIONS_PER_WORKER 3000 /* no port exhaustion on a busy machine */

struct want {
	int idle, intvl, cnt, user_timeout;
};

static struct want want;
static const char *kaprobe;
static struct timespec deadline;
static pthread_t workers[WORKERS];

/* Counters shared with signal handlers: plain atomics only. */
static unsigned long n_sockets, n_accepted, n_forks, n_execs, n_signals, n_failures;

static void count(unsigned long *counter)
{
	__atomic_add_fetch(counter, 1, __ATOMIC_RELAXED);
}

static unsigned long counted(unsigned long *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

/* Async-signal-safe report of a failure: no stdio. */
static void failure(const char *what)
{
	count(&n_failures);
	if (counted(&n_failures) <= 10) {
		(void)!write(STDERR_FILENO, "stress: ", 8);
		(void)!write(STDERR_FILENO, what, strlen(what));
		(void)!write(STDERR_FILENO, "\n", 1);
	}
}

static int get_int(int fd, int level, int name)
{
	int value = -1;
	socklen_t len = sizeof value;

	return getsockopt(fd, level, name, &value, &len) == 0 ? value : -1;
}

/* Async-signal-safe: getsockopt only. */
static bool configured(int fd)
{
	return get_int(fd, SOL_SOCKET, SO_KEEPALIVE) == 1 &&
	       get_int(fd, IPPROTO_TCP, TCP_KEEPIDLE) == want.idle &&
	       get_int(fd, IPPROTO_TCP, TCP_KEEPINTVL) == want.intvl &&
	       get_int(fd, IPPROTO_TCP, TCP_KEEPCNT) == want.cnt &&
	       get_int(fd, IPPROTO_TCP, TCP_USER_TIMEOUT) == want.user_timeout;
}

static bool time_left(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec < deadline.tv_sec ||
	       (now.tv_sec == deadline.tv_sec && now.tv_nsec < deadline.tv_nsec);
}

/* SIGUSR1 and SIGALRM: a socket made and checked inside the handler. */
static void on_signal(int sig)
{
	int saved_errno = errno;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)sig;
	count(&n_signals);
	if (fd < 0) {
		failure("socket() in a signal handler failed");
	} else {
		if (!configured(fd))
			failure("socket() in a signal handler: not configured");
		close(fd);
	}
	errno = saved_errno;
}

/* Closes with a reset, so that no TIME_WAIT entries pile up on loopback. */
static void close_now(int fd)
{
	struct linger lin = { .l_onoff = 1, .l_linger = 0 };

	setsockopt(fd, SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
	close(fd);
}

/* A blocking connect that a signal interrupted goes on in the background. */
static bool connect_loopback(int fd, const struct sockaddr_in *addr)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	if (connect(fd, (const struct sockaddr *)addr, sizeof *addr) == 0)
		return true;
	if (errno != EINTR)
		return false;
	while (poll(&p, 1, 5000) < 0 && errno == EINTR)
		;
	return get_int(fd, SOL_SOCKET, SO_ERROR) == 0;
}

static int accept_retry(int listener, int round)
{
	int conn;

	do
		conn = round % 2 ? accept4(listener, NULL, NULL, SOCK_CLOEXEC) :
				   accept(listener, NULL, NULL);
	while (conn < 0 && errno == EINTR);
	return conn;
}

static void *worker(void *arg)
{
	struct sockaddr_in addr = { .sin_family = AF_INET,
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof addr;
	int listener = socket(AF_INET, SOCK_STREAM, 0);

	(void)arg;
	if (listener < 0 || bind(listener, (struct sockaddr *)&addr, sizeof addr) != 0 ||
	    listen(listener, 16) != 0 || getsockname(listener, (struct sockaddr *)&addr, &len) != 0) {
		failure("listener setup failed");
		return NULL;
	}
	count(&n_sockets);
	if (!configured(listener))
		failure("listener: not configured");

	for (int round = 0; round < MAX_CONNECTIONS_PER_WORKER && time_left(); round++) {
		int client = socket(AF_INET, round % 3 ? SOCK_STREAM : SOCK_STREAM | SOCK_CLOEXEC, 0);
		int conn;

		if (client < 0) {
			failure("socket() failed");
			continue;
		}
		count(&n_sockets);
		if (!configured(client))
			failure("socket(): not configured");
		if (!connect_loopback(client, &addr)) {
			failure("connect() failed");
			close(client);
			continue;
		}
		conn = accept_retry(listener, round);
		if (conn < 0) {
			failure("accept() failed");
		} else {
			count(&n_accepted);
			if (!configured(conn))
				failure("accepted connection: not configured");
			close_now(conn);
		}
		close_now(client);
	}
	close(listener);
	return NULL;
}

static void *forker(void *arg)
{
	(void)arg;
	while (time_left()) {
		int status;
		pid_t pid = fork();

		if (pid == 0) {
			int fd = socket(AF_INET6, SOCK_STREAM, 0);

			if (fd < 0)
				fd = socket(AF_INET, SOCK_STREAM, 0);
			_exit(fd >= 0 && configured(fd) ? 0 : 1);
		}
		if (pid < 0) {
			failure("fork() failed");
			break;
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		count(&n_forks);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failure("socket in a forked child: not configured");
	}
	return NULL;
}

/* kaprobe prints "keepalive=1 idle=... user_timeout=..." for a new socket. */
static void *execer(void *arg)
{
	char expected[160];

	(void)arg;
	snprintf(expected, sizeof expected, "keepalive=1 idle=%d intvl=%d cnt=%d user_timeout=%d\n",
		 want.idle, want.intvl, want.cnt, want.user_timeout);
	while (time_left()) {
		char out[256];
		size_t got = 0;
		ssize_t n;
		int pipefd[2], status;
		pid_t pid;

		if (pipe(pipefd) != 0) {
			failure("pipe() failed");
			break;
		}
		pid = fork();
		if (pid == 0) {
			dup2(pipefd[1], STDOUT_FILENO);
			close(pipefd[0]);
			close(pipefd[1]);
			execl(kaprobe, "kaprobe", "socket", "tcp4", (char *)NULL);
			_exit(127);
		}
		close(pipefd[1]);
		while (pid > 0 && got < sizeof out - 1 &&
		       ((n = read(pipefd[0], out + got, sizeof out - 1 - got)) > 0 ||
			(n < 0 && errno == EINTR)))
			if (n > 0)
				got += (size_t)n;
		out[got] = '\0';
		close(pipefd[0]);
		if (pid < 0) {
			failure("fork() for exec failed");
			break;
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		count(&n_execs);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || strcmp(out, expected) != 0)
			failure("exec'd kaprobe: unexpected output or status");
	}
	return NULL;
}

static void *signaller(void *arg)
{
	struct timespec pause = { .tv_sec = 0, .tv_nsec = 200000 };
	unsigned i = 0;

	(void)arg;
	while (time_left()) {
		pthread_kill(workers[i++ % WORKERS], SIGUSR1);
		nanosleep(&pause, NULL);
	}
	return NULL;
}

static void *watchdog(void *arg)
{
	struct timespec limit = deadline;

	(void)arg;
	limit.tv_sec += 20;
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &limit, NULL) == EINTR)
		;
	failure("watchdog: still running 20 s after the deadline (deadlock?)");
	_exit(3);
}

static int parse(const char *text, int min, int max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "stress: bad number '%s'\n", text);
		exit(2);
	}
	return (int)v;
}

static void start(pthread_t *thread, void *(*fn)(void *))
{
	int err = pthread_create(thread, NULL, fn, NULL);

	if (err != 0) {
		fprintf(stderr, "stress: pthread_create: %s\n", strerror(err));
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART };
	struct itimerval tick = { { 0, 2000 }, { 0, 2000 } };
	pthread_t dog, forkers[FORKERS], exec_thread, signal_thread;
	sigset_t block;
	int seconds;

	if (argc != 6) {
		fprintf(stderr, "usage: stress SECONDS IDLE INTVL CNT KAPROBE\n");
		return 2;
	}
	seconds = parse(argv[1], 1, 600);
	want.idle = parse(argv[2], 1, 32767);
	want.intvl = parse(argv[3], 1, 32767);
	want.cnt = parse(argv[4], 1, 127);
	/* The derived user timeout: idle + intvl x cnt less 1 s (750 ms with
	 * an interval of 1 s), as settings.c derives it. */
	want.user_timeout = 1000 * (want.idle + want.intvl * want.cnt) - (want.intvl > 1 ? 1000 : 750);
	kaprobe = argv[5];
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += seconds;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);

	/* The watchdog and the helper threads take no signals; workers do. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	start(&dog, watchdog);
	for (int i = 0; i < FORKERS; i++)
		start(&forkers[i], forker);
	start(&exec_thread, execer);
	pthread_sigmask(SIG_UNBLOCK, &block, NULL);
	for (int i = 0; i < WORKERS; i++)
		start(&workers[i], worker);
	pthread_sigmask(SIG_BLOCK, &block, NULL);
	start(&signal_thread, signaller);
	setitimer(ITIMER_REAL, &tick, NULL);

	/* Workers that finished early stay unjoined, and so valid targets of
	 * pthread_kill, until the signal thread is done. */
	pthread_join(signal_thread, NULL);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(workers[i], NULL);
	for (int i = 0; i < FORKERS; i++)
		pthread_join(forkers[i], NULL);
	pthread_join(exec_thread, NULL);
	setitimer(ITIMER_REAL, &(struct itimerval){ { 0, 0 }, { 0, 0 } }, NULL);

	printf("stress: %lu sockets, %lu accepted, %lu forks, %lu execs, %lu signals, %lu failures\n",
	       counted(&n_sockets), counted(&n_accepted), counted(&n_forks), counted(&n_execs),
	       counted(&n_signals), counted(&n_failures));
	return counted(&n_failures) == 0 ? 0 : 1;
}
