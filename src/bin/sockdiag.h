/* The kernel's view of the TCP sockets of one network namespace, from a
 * NETLINK_SOCK_DIAG inet_diag dump (what ss shows): each socket's timer,
 * matched to a descriptor by inode, and the listening ports. */
#ifndef KA_SOCKDIAG_H
#define KA_SOCKDIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct ka_diag_entry {
	unsigned long inode;
	int state;             /* TCP_ESTABLISHED, TCP_LISTEN... */
	int timer;             /* idiag_timer: 0 none, 1 retransmit, 2 keepalive, 4 persist */
	unsigned retrans;      /* probes sent, for the keepalive timer */
	unsigned expires_ms;   /* until the timer fires */
	int family;            /* AF_INET, AF_INET6 */
	int local_port;
	unsigned char local[16]; /* the address, 4 or 16 bytes */
};

/* net.ipv4.ip_local_port_range unless changed. */
#define KA_EPHEMERAL_DEFAULT_LO 32768
#define KA_EPHEMERAL_DEFAULT_HI 60999
/* net.ipv4.tcp_keepalive_time, _intvl and _probes unless changed. */
#define KA_KEEPALIVE_DEFAULT_TIME_S 7200
#define KA_KEEPALIVE_DEFAULT_INTVL_S 75
#define KA_KEEPALIVE_DEFAULT_PROBES 9

struct ka_diag {
	unsigned long netns;   /* the namespace's inode */
	struct ka_diag_entry *entries; /* sorted by inode */
	size_t n;
	struct ka_diag_entry *listeners; /* the TCP_LISTEN ones, copied */
	size_t nlisteners;
	int ephemeral_lo, ephemeral_hi; /* net.ipv4.ip_local_port_range there */
	/* net.ipv4.tcp_keepalive_time, _intvl, _probes there: what getsockopt
	 * reads on a socket whose program did not set its own */
	int keepalive_time_s, keepalive_intvl_s, keepalive_probes;
};

/* Dumps the TCP sockets (IPv4 and IPv6) of the network namespace pid is
 * in, and reads its settings (struct ka_diag), entering it for the time it takes to
 * open the netlink socket and the file when it is not ours (that needs
 * CAP_SYS_ADMIN). Returns false with errno set. */
bool ka_diag_dump(pid_t pid, struct ka_diag *diag);
void ka_diag_free(struct ka_diag *diag);

/* The network namespace of pid (the inode of /proc/PID/ns/net), 0 if unknown. */
unsigned long ka_diag_netns_of(pid_t pid);

const struct ka_diag_entry *ka_diag_find(const struct ka_diag *diag, unsigned long inode);

/* Whether something in the namespace listens on the local port of this
 * connection (on its address or on every address): the connection was
 * then accepted, not made by connect(). */
bool ka_diag_listened(const struct ka_diag *diag, const struct ka_diag_entry *conn);

/* The timer as ss -o prints it: "keepalive,27sec,0"; "-" without one. */
void ka_diag_timer_text(const struct ka_diag_entry *e, char *buf, size_t len);
/* The timer's name alone: "keepalive", "on", "persist", "off". */
const char *ka_diag_timer_name(int timer);

#endif
