/* keepalive --pid: show, check or apply, process by process.
 *
 * For each process: a pidfd, the sockets listed in /proc/PID/fd, a copy of
 * each (checked to be the socket listed), its facts read through the copy,
 * the copy closed at once. The kernel's timers come from one sock_diag dump
 * of the process's network namespace.
 *
 * Which side a connection is on: the kernel does not say whether a
 * connection was accepted or made by connect(). A connection whose local
 * port something listens on in its namespace (on its address, or on every
 * address) was accepted (without the dump, the process's own listeners are
 * the ones compared); so was one whose listener is closed since, if its
 * local port is outside the ephemeral range that connect() picks ports from
 * (net.ipv4.ip_local_port_range, as the process's namespace has it) and its
 * peer's inside. Any other was made by connect().
 *
 * No healthy connection lost (--apply). Two kernel rules make retrofitting
 * an idle connection harsher than configuring a new one:
 *   - with a user timeout, tcp_keepalive_timer() drops the connection at
 *     the first probe after the first one once the time since the last
 *     packet received passes the user timeout: a connection silent for an
 *     hour would get one probe instead of cnt;
 *   - turning SO_KEEPALIVE on arms the timer at idle from now, and setting
 *     TCP_KEEPIDLE while it is on arms it at idle after the last packet
 *     received, at once if that is past: thousands of long-idle connections
 *     configured together send their first probes in one burst, which
 *     loopback drops in part (netdev_max_backlog).
 * So an established connection gets the timers and SO_KEEPALIVE first
 * (table order; a user timeout it had is cleared meanwhile), with the
 * kernel counting cnt probes, and its user timeout only once a packet
 * from the peer arrived after that (its first probe answered, or traffic):
 * from then on the kernel counts its silence from that packet, exactly as
 * for a new connection. And connections are configured at most
 * KA_PACE_BATCH per KA_PACE_MS, so that their first probes are spread as
 * much. That spread holds for short idle times: the kernel's timer wheel
 * rounds a timeout up by as much as an eighth of it, so for an idle time of
 * minutes the first probes of connections configured within a few seconds
 * may still fire together; what protects those is the count, cnt probes
 * before the user timeout is set. */
#include <config.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "procfd.h"
#include "procs.h"
#include "report.h"
#include "sockdiag.h"

#define KA_PACE_BATCH 50 /* connections configured... */
#define KA_PACE_MS 10    /* ...per this time: 5,000 a second */
#define KA_RECHECK_MS 200 /* looking again for an answer from the peer */

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000 };

	while (ms > 0 && nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static bool tcp_info(int fd, struct tcp_info *info)
{
	socklen_t len = sizeof *info;

	memset(info, 0, sizeof *info);
	return getsockopt(fd, IPPROTO_TCP, TCP_INFO, info, &len) == 0;
}

/* Milliseconds since the last packet from the peer (data or ack), as
 * keepalive_time_elapsed() counts them. */
static unsigned silence_ms(const struct tcp_info *info)
{
	return info->tcpi_last_data_recv < info->tcpi_last_ack_recv ? info->tcpi_last_data_recv :
								       info->tcpi_last_ack_recv;
}

/* States in which the keepalive timer runs on a connection. */
static bool synchronized(int state)
{
	return state != TCP_LISTEN && state != TCP_CLOSE && state != TCP_SYN_SENT &&
	       state != TCP_SYN_RECV;
}

static void address_text(const struct sockaddr_storage *ss, socklen_t len, char *buf,
			 size_t size, int *port)
{
	char host[INET6_ADDRSTRLEN];

	*port = -1;
	buf[0] = '\0';
	if (ss->ss_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *in = (const void *)ss;

		inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
		*port = ntohs(in->sin_port);
		snprintf(buf, size, "%s:%d", host, *port);
	} else if (ss->ss_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *in6 = (const void *)ss;

		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
		*port = ntohs(in6->sin6_port);
		snprintf(buf, size, "[%s]:%d", host, *port);
	}
}

static void read_addresses(int fd, struct ka_sock_report *s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0)
		address_text(&ss, len, s->local, sizeof s->local, &s->local_port);
	len = sizeof ss;
	s->peer_port = -1;
	if (s->state != TCP_LISTEN && getpeername(fd, (struct sockaddr *)&ss, &len) == 0)
		address_text(&ss, len, s->peer, sizeof s->peer, &s->peer_port);
}

/* The five options, read through the table; keepalive as the policy sees it. */
static void read_options(int fd, const struct ka_config *cfg, struct ka_sock_report *s)
{
	const unsigned wanted = ka_sockopts_wanted(cfg);
	bool ours = true;

	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		const struct ka_sockopt *opt = &ka_sockopts[i];

		if (!ka_sockopt_get(fd, opt->level, opt->name, &s->values[i]))
			s->values[i] = -1;
		if (opt->bit != KA_OPT_KEEPALIVE && (wanted & opt->bit) &&
		    s->values[i] != ka_sockopt_value(opt, cfg))
			ours = false;
	}
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++)
		if (ka_sockopts[i].bit == KA_OPT_KEEPALIVE)
			s->keepalive = s->values[i] <= 0 ? KA_KEEPALIVE_OFF :
				       ours              ? KA_KEEPALIVE_OURS :
							   KA_KEEPALIVE_OTHER;
}

/* Sets the options of mask through the table, in its order; the user
 * timeout gets ut_ms. Returns the options the kernel refused. */
static unsigned set_options(int fd, const struct ka_config *cfg, unsigned mask, int ut_ms)
{
	unsigned refused = 0;

	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		const struct ka_sockopt *opt = &ka_sockopts[i];
		int value = opt->bit == KA_OPT_USER_TIMEOUT ? ut_ms : ka_sockopt_value(opt, cfg);

		if ((mask & opt->bit) &&
		    setsockopt(fd, opt->level, opt->name, &value, sizeof value) != 0)
			refused |= opt->bit;
	}
	return refused;
}

/* Spreads the first probes of the connections configured (see the top). */
static void pace(void)
{
	static unsigned count;

	if (++count % KA_PACE_BATCH == 0)
		sleep_ms(KA_PACE_MS);
}

static void decide_and_apply(const struct ka_procs_request *req, int fd,
			     struct ka_sock_report *s)
{
	const struct ka_config *cfg = req->cfg;
	struct ka_socket_facts f = KA_SOCKET_FACTS_UNKNOWN;
	struct ka_decision d;
	unsigned now;

	f.kind = KA_KIND_TCP;
	f.side = s->side;
	f.port = s->side == KA_SIDE_CLIENT ? s->peer_port : s->local_port;
	f.keepalive = s->keepalive;
	f.program_options = s->own;
	d = ka_decide(cfg, &f);
	if (d.verdict == KA_LATER || d.verdict == KA_NEED_PORT) {
		/* Not connected yet, or no port to match: nothing to go by. The
		 * library would wait for connect(); here there is no later. */
		s->result = KA_RESULT_LEFT;
		s->reason = KA_WHY_PORT;
		s->unconnected = d.verdict == KA_LATER;
		return;
	}
	if (d.verdict != KA_CONFIGURE) {
		s->result = KA_RESULT_LEFT;
		s->reason = d.reason;
		return;
	}
	s->set = d.set;
	s->kept = d.kept;
	now = d.set;
	if (synchronized(s->state) && (d.set & KA_OPT_USER_TIMEOUT)) {
		int ut_index = 0;

		while (ka_sockopts[ut_index].bit != KA_OPT_USER_TIMEOUT)
			ut_index++;
		s->ut_pending = true;
		/* A user timeout of its own is cleared meanwhile. */
		if (s->values[ut_index] == 0)
			now &= ~(unsigned)KA_OPT_USER_TIMEOUT;
	}
	s->refused = set_options(fd, cfg, now, s->ut_pending ? 0 : cfg->user_timeout_ms);
	if (s->refused & KA_OPT_USER_TIMEOUT)
		s->ut_pending = false;
	s->result = s->refused ? KA_RESULT_FAILED : KA_RESULT_CONFIGURED;
	s->phase1_ms = now_ms();
	s->next_ms = s->phase1_ms + KA_RECHECK_MS;
	if (synchronized(s->state))
		pace();
}

/* Reads one socket through its copy; false when it is not TCP. */
static bool examine(const struct ka_procs_request *req, int copy, struct ka_sock_report *s)
{
	struct tcp_info info;

	if (!ka_fd_is_tcp(copy, &s->family))
		return false;
	tcp_info(copy, &info);
	/* TCP_LISTEN here is what SO_ACCEPTCONN would say. */
	s->state = info.tcpi_state;
	s->queued = s->state == TCP_LISTEN ? info.tcpi_unacked : 0;
	read_addresses(copy, s);
	read_options(copy, req->cfg, s);
	return true;
}

/* Whether connect() picks its local ports there: the ephemeral range of the
 * namespace (the kernel's default where the dump could not read it). */
static bool ephemeral(const struct ka_diag *diag, int port)
{
	if (diag->ephemeral_hi == 0)
		return port >= KA_EPHEMERAL_DEFAULT_LO && port <= KA_EPHEMERAL_DEFAULT_HI;
	return port >= diag->ephemeral_lo && port <= diag->ephemeral_hi;
}

/* The options the program set itself, as far as they can be told: a timer
 * other than the namespace's default (what getsockopt reads on a socket
 * nobody set it on), a user timeout other than 0. Respect mode keeps them,
 * as the library keeps those it saw the program set (one set to the very
 * value of the default cannot be told from none, and is replaced). */
static unsigned programs_own(const struct ka_diag *diag, const struct ka_sock_report *s)
{
	unsigned own = 0;

	if (diag->keepalive_time_s == 0)
		return 0; /* no dump: the defaults are unknown */
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		int unset;

		switch (ka_sockopts[i].bit) {
		case KA_OPT_IDLE:
			unset = diag->keepalive_time_s;
			break;
		case KA_OPT_INTVL:
			unset = diag->keepalive_intvl_s;
			break;
		case KA_OPT_CNT:
			unset = diag->keepalive_probes;
			break;
		case KA_OPT_USER_TIMEOUT:
			unset = 0;
			break;
		default:
			continue;
		}
		if (s->values[i] >= 0 && s->values[i] != unset)
			own |= ka_sockopts[i].bit;
	}
	return own;
}

/* Client or accepted (see the top), listener, or neither yet; and the
 * options the program set itself. */
static void classify(struct ka_proc_report *p, const struct ka_diag *diag)
{
	for (size_t i = 0; i < p->nsocks; i++) {
		struct ka_sock_report *s = &p->socks[i];
		bool accepted = false;

		s->own = programs_own(diag, s);
		if (s->state == TCP_LISTEN) {
			s->side = KA_SIDE_LISTENER;
			continue;
		}
		if (s->state == TCP_CLOSE) {
			s->side = KA_SIDE_UNDECIDED;
			continue;
		}
		if (s->has_diag && diag->n > 0) {
			accepted = ka_diag_listened(diag, &s->diag);
		} else {
			for (size_t j = 0; j < p->nsocks && !accepted; j++)
				accepted = p->socks[j].state == TCP_LISTEN &&
					   p->socks[j].local_port == s->local_port;
		}
		if (!accepted && s->local_port > 0 && s->peer_port > 0)
			accepted = !ephemeral(diag, s->local_port) && ephemeral(diag, s->peer_port);
		s->side = accepted ? KA_SIDE_ACCEPTED : KA_SIDE_CLIENT;
	}
}

/* The sock_diag dumps, one a network namespace, kept for the whole run. */
static struct ka_diag *diags;
static size_t ndiags;

static const struct ka_diag *diag_for(pid_t pid)
{
	unsigned long netns = ka_diag_netns_of(pid);
	struct ka_diag *grown;

	for (size_t i = 0; i < ndiags; i++)
		if (netns != 0 && diags[i].netns == netns)
			return &diags[i];
	grown = realloc(diags, (ndiags + 1) * sizeof *diags);
	if (grown == NULL)
		return NULL;
	diags = grown;
	if (!ka_diag_dump(pid, &diags[ndiags])) {
		/* Timers unknown there ("-"); the rest still works. */
		memset(&diags[ndiags], 0, sizeof diags[ndiags]);
		diags[ndiags].netns = netns;
	}
	return &diags[ndiags++];
}

static void unreachable(struct ka_proc_report *p, int error, const char *what)
{
	p->error = error;
	p->error_what = what;
}

static void scan(const struct ka_procs_request *req, struct ka_proc_report *p)
{
	struct ka_procfd *fds = NULL;
	const struct ka_diag *diag;
	size_t nfds = 0, size = 0, all = 0;

	ka_procfd_comm(p->pid, p->comm, sizeof p->comm);
	p->pidfd = ka_procfd_open(p->pid);
	if (p->pidfd < 0)
		return unreachable(p, errno, "cannot open it (pidfd_open)");
	/* Asked now that the pid cannot be another process's while the pidfd
	 * is open: one that leaves after this is still taken. */
	if (req->member != NULL && !req->member(p->pid, req->member_arg)) {
		p->left = true;
		return;
	}
	if (!ka_procfd_list(p->pid, &fds, &nfds, &all))
		return unreachable(p, errno, "cannot list its descriptors");
	/* No descriptor at all: exiting (its files already closed), or a
	 * kernel thread, whose pidfd never turns readable. */
	if (all == 0 && !req->all &&
	    poll(&(struct pollfd){ p->pidfd, POLLIN, 0 }, 1, 100) == 1)
		p->exited = true;
	diag = nfds > 0 ? diag_for(p->pid) : NULL;
	for (size_t i = 0; i < nfds; i++) {
		struct ka_sock_report s;
		const struct ka_diag_entry *e;
		int copy;

		switch (ka_procfd_copy(p->pidfd, &fds[i], &copy)) {
		case KA_COPY_OK:
			break;
		case KA_COPY_GONE:
		case KA_COPY_REPLACED:
			p->changed++;
			continue;
		case KA_COPY_FAILED:
			if (errno == ESRCH) {
				p->exited = true;
				goto done;
			}
			if (p->nsocks == 0 && p->copy_failed == 0 &&
			    (errno == EPERM || errno == ENOSYS)) {
				/* The first copy: nothing was read or changed. */
				unreachable(p, errno, "cannot take copies of its descriptors");
				goto done;
			}
			p->copy_failed++;
			continue;
		}
		memset(&s, 0, sizeof s);
		s.fd = fds[i].fd;
		s.inode = fds[i].inode;
		if (examine(req, copy, &s)) {
			e = diag != NULL ? ka_diag_find(diag, s.inode) : NULL;
			s.has_diag = e != NULL;
			if (e != NULL)
				s.diag = *e;
			if (p->nsocks == size) {
				size_t more = size ? 2 * size : 16;
				struct ka_sock_report *grown =
					realloc(p->socks, more * sizeof *grown);

				if (grown == NULL) {
					close(copy);
					unreachable(p, ENOMEM, "cannot hold its sockets");
					goto done;
				}
				p->socks = grown;
				size = more;
			}
			p->socks[p->nsocks++] = s;
		}
		close(copy);
	}
done:
	/* A pidfd turns readable when its process has exited: what was read
	 * may be short of what it had. */
	if (!p->exited && poll(&(struct pollfd){ p->pidfd, POLLIN, 0 }, 1, 0) == 1)
		p->exited = true;
	free(fds);
	classify(p, diag != NULL ? diag : &(struct ka_diag){ 0 });
}

/* --apply, first pass: through a second copy of each socket, checked
 * again, so that what was read and what is set are the same socket. */
static void apply(const struct ka_procs_request *req, struct ka_proc_report *p)
{
	for (size_t i = 0; i < p->nsocks; i++) {
		struct ka_sock_report *s = &p->socks[i];
		struct ka_procfd entry = { s->fd, s->inode };
		int copy;

		if (ka_procfd_copy(p->pidfd, &entry, &copy) != KA_COPY_OK) {
			s->result = KA_RESULT_LEFT;
			s->reason = KA_WHY_NONE;
			p->changed++;
			continue;
		}
		decide_and_apply(req, copy, s);
		close(copy);
	}
}

/* --apply, second pass: the user timeouts held back (see the top), set on
 * each connection once a packet from its peer arrived after the rest was
 * set. A connection not heard from within idle + intvl x cnt (+1 s) has
 * been closed by keepalive meanwhile, or is left without a user timeout. */
static void finish_user_timeouts(const struct ka_procs_request *req,
				 struct ka_proc_report *procs, size_t n)
{
	const struct ka_config *cfg = req->cfg;
	const long long wait_ms =
		((long long)cfg->idle_s + (long long)cfg->intvl_s * cfg->cnt) * 1000 + 1000;

	for (;;) {
		long long earliest = -1;

		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < procs[i].nsocks; j++) {
				struct ka_sock_report *s = &procs[i].socks[j];
				struct ka_procfd entry = { s->fd, s->inode };
				struct tcp_info info;
				long long now = now_ms();
				int copy;

				if (!s->ut_pending)
					continue;
				if (now < s->next_ms) {
					if (earliest < 0 || s->next_ms < earliest)
						earliest = s->next_ms;
					continue;
				}
				if (ka_procfd_copy(procs[i].pidfd, &entry, &copy) != KA_COPY_OK) {
					s->ut_pending = false; /* closed meanwhile */
					continue;
				}
				if (!tcp_info(copy, &info) || !synchronized(info.tcpi_state)) {
					s->ut_pending = false;
				} else if ((long long)silence_ms(&info) + 10 < now - s->phase1_ms) {
					s->ut_pending = false;
					if (set_options(copy, cfg, KA_OPT_USER_TIMEOUT,
							cfg->user_timeout_ms) != 0) {
						s->refused |= KA_OPT_USER_TIMEOUT;
						s->result = KA_RESULT_FAILED;
					}
				} else if (now - s->phase1_ms > wait_ms) {
					s->ut_pending = false;
					s->ut_unheard = true;
				} else {
					s->next_ms = now + KA_RECHECK_MS;
					if (earliest < 0 || s->next_ms < earliest)
						earliest = s->next_ms;
				}
				close(copy);
			}
		}
		if (earliest < 0)
			return;
		sleep_ms(earliest - now_ms());
	}
}

static size_t pending_user_timeouts(const struct ka_proc_report *procs, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < procs[i].nsocks; j++)
			count += procs[i].socks[j].ut_pending;
	return count;
}

static int status_of(const struct ka_procs_request *req, struct ka_proc_report *procs, size_t n,
		     struct ka_report_totals *t)
{
	int status = 0;

	for (size_t i = 0; i < n; i++) {
		struct ka_proc_report *p = &procs[i];

		if (p->error != 0 && req->all) {
			/* Gone before it was looked at: not unreachable. */
			if (p->error != ESRCH && p->error != ENOENT) {
				if (t->unreachable++ == 0)
					t->unreachable_error = p->error;
				status = 1;
			}
			continue;
		}
		if (p->error != 0 || p->copy_failed > 0 || (p->exited && !req->all))
			status = 1;
		for (size_t j = 0; j < p->nsocks; j++) {
			if (p->socks[j].result == KA_RESULT_FAILED)
				status = 1;
			if (req->action == KA_PROCS_CHECK &&
			    ka_report_uncovered(&p->socks[j], req->cfg))
				status = 1;
		}
	}
	return status;
}

int ka_procs_run(const struct ka_procs_request *req, const pid_t *pids, size_t npids)
{
	struct ka_proc_report *procs = calloc(npids ? npids : 1, sizeof *procs);
	struct ka_report_totals totals = { 0, 0, 0 };
	size_t pending;

	if (procs == NULL) {
		perror("keepalive");
		return 1;
	}
	for (size_t i = 0; i < npids; i++) {
		procs[i].pid = pids[i];
		procs[i].pidfd = -1;
		scan(req, &procs[i]);
		if (req->action == KA_PROCS_APPLY && procs[i].error == 0)
			apply(req, &procs[i]);
		/* Kept only for the user timeouts still to set: --pid all
		 * would hold one a process. */
		if (procs[i].pidfd >= 0 && pending_user_timeouts(&procs[i], 1) == 0) {
			close(procs[i].pidfd);
			procs[i].pidfd = -1;
		}
	}
	pending = pending_user_timeouts(procs, npids);
	if (pending > 0) {
		fprintf(stderr,
			"keepalive: waiting for %zu connection%s to answer a probe before "
			"setting TCP_USER_TIMEOUT (at most %ds)\n",
			pending, pending == 1 ? "" : "s",
			req->cfg->idle_s + req->cfg->intvl_s * req->cfg->cnt + 1);
		finish_user_timeouts(req, procs, npids);
	}
	for (size_t i = 0; i < npids; i++)
		if (procs[i].pidfd >= 0)
			close(procs[i].pidfd);
	totals.status = status_of(req, procs, npids, &totals);
	if (req->json)
		ka_report_json(req, procs, npids, &totals);
	else
		ka_report_text(req, procs, npids, &totals);
	for (size_t i = 0; i < npids; i++)
		free(procs[i].socks);
	free(procs);
	for (size_t i = 0; i < ndiags; i++)
		ka_diag_free(&diags[i]);
	free(diags);
	diags = NULL;
	ndiags = 0;
	if (fflush(stdout) != 0)
		return 1;
	return totals.status;
}
