/* The policy: what to do with one socket, decided from what is known of it.
 *
 * One pure function serves every way of applying the settings: the
 * library's hooks, the keepalive command's --pid (another process's
 * sockets) and --cgroup (the same rules compiled into BPF settings). The
 * caller gathers the facts and acts on the answer; a fact that costs a system
 * call may be left unknown, and ka_decide() asks for it only when the
 * answer depends on it (KA_NEED_...), so that the library spends no system
 * call it does not need. */
#ifndef KA_DECIDE_H
#define KA_DECIDE_H

#include <stdbool.h>

#include "settings.h"
#include "sockopts.h"

enum ka_kind {
	KA_KIND_UNKNOWN,
	KA_KIND_TCP,   /* TCP or MPTCP over IPv4 or IPv6 */
	KA_KIND_OTHER, /* UDP, UNIX, raw...: SO_KEEPALIVE "succeeds" there too */
};

enum ka_side {
	KA_SIDE_UNDECIDED, /* neither connected nor listening yet (just made) */
	KA_SIDE_CLIENT,    /* connecting or connected by this process */
	KA_SIDE_LISTENER,
	KA_SIDE_ACCEPTED,  /* a connection a listener accepted */
};

enum ka_keepalive {
	KA_KEEPALIVE_UNKNOWN,
	KA_KEEPALIVE_OFF,
	KA_KEEPALIVE_ON,    /* on; the values were not compared with ours */
	KA_KEEPALIVE_OURS,  /* on, with our timers and user timeout */
	KA_KEEPALIVE_OTHER, /* on, with other values */
};

struct ka_socket_facts {
	enum ka_kind kind;
	enum ka_side side;
	int port;                  /* the remote port of a client, the local port of a
				    * listener or accepted connection; -1: unknown */
	bool in_scope;             /* role and port already found in scope: a connection
				    * accepted on a listener that was */
	enum ka_keepalive keepalive;
	bool made_here;            /* seen created by our socket(): keepalive on means
				    * the program turned it on since */
	unsigned program_options;  /* enum ka_option: set by the program itself since */
};

/* The facts nothing is known of yet. */
#define KA_SOCKET_FACTS_UNKNOWN \
	{ KA_KIND_UNKNOWN, KA_SIDE_UNDECIDED, -1, false, KA_KEEPALIVE_UNKNOWN, false, 0 }

enum ka_verdict {
	KA_CONFIGURE,      /* set the options in .set */
	KA_LEAVE,          /* leave it alone, for .reason */
	KA_LATER,          /* decide at connect() or accept(): a scope filter needs the address */
	KA_NEED_KIND,      /* fill in .kind and ask again */
	KA_NEED_PORT,      /* fill in .port */
	KA_NEED_KEEPALIVE, /* fill in .keepalive, at least on or off */
	KA_NEED_VALUES,    /* fill in .keepalive, comparing the values with ours when on */
};

enum ka_reason {
	KA_WHY_NONE,          /* not left: configured, or more to learn */
	KA_WHY_DISABLED,      /* KEEPALIVE=off (or a child under KEEPALIVE_INHERIT=no) */
	KA_WHY_NOT_TCP,
	KA_WHY_ROLE,          /* outside KEEPALIVE_ROLE */
	KA_WHY_PORT,          /* outside KEEPALIVE_PORTS */
	KA_WHY_PROGRAM_OFF,   /* a listener the program turned keepalive off on (respect mode) */
	KA_WHY_OWN_KEEPALIVE, /* keepalive already on, someone else's choice (respect mode) */
	KA_WHY_ALREADY,       /* keepalive already on with our values */
	KA_REASON_COUNT
};

struct ka_decision {
	enum ka_verdict verdict;
	enum ka_reason reason; /* for KA_LEAVE */
	unsigned set;          /* for KA_CONFIGURE: enum ka_option bits to set */
	unsigned kept;         /* for KA_CONFIGURE: the program's own, left as they are */
};

struct ka_decision ka_decide(const struct ka_config *cfg, const struct ka_socket_facts *s);

/* Why a socket was left alone, as a phrase for a debug line or a report:
 * "outside KEEPALIVE_PORTS", "its own keepalive"... */
const char *ka_reason_text(enum ka_reason reason);

/* KEEPALIVE_ROLE and KEEPALIVE_PORTS as they apply to one side and port. */
bool ka_config_filters(const struct ka_config *cfg);
bool ka_config_role_in_scope(const struct ka_config *cfg, enum ka_side side);
bool ka_config_port_in_scope(const struct ka_config *cfg, int port);

#endif
