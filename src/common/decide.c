/* The policy: respect or force, role and port scope, the options to set.
 *
 * The rules, in the order they are tried:
 *   1. KEEPALIVE=off: nothing is touched.
 *   2. Only TCP: SO_KEEPALIVE succeeds on UDP and UNIX sockets too.
 *   3. A socket that is neither connected nor listening is configured at
 *      once, unless KEEPALIVE_ROLE or KEEPALIVE_PORTS must see its address.
 *   4. The role and the port: the remote port of a client, the local port of
 *      a listener and of the connections it accepts.
 *   5. Respect mode: a socket whose keepalive someone else turned on keeps
 *      its values, a listener on which the program turned it off stays off,
 *      and the options the program set itself are kept. Force mode: ours replace
 *      them, unless they are ours already. */
#include <config.h>

#include "decide.h"

static struct ka_decision leave(enum ka_reason reason)
{
	return (struct ka_decision){ KA_LEAVE, reason, 0, 0 };
}

static struct ka_decision need(enum ka_verdict what)
{
	return (struct ka_decision){ what, KA_WHY_NONE, 0, 0 };
}

static struct ka_decision configure(const struct ka_config *cfg, unsigned kept)
{
	return (struct ka_decision){ KA_CONFIGURE, KA_WHY_NONE, ka_sockopts_wanted(cfg) & ~kept,
				     kept };
}

bool ka_config_filters(const struct ka_config *cfg)
{
	return cfg->role != KA_ROLE_ALL || cfg->nports > 0;
}

bool ka_config_role_in_scope(const struct ka_config *cfg, enum ka_side side)
{
	switch (cfg->role) {
	case KA_ROLE_CLIENT:
		return side == KA_SIDE_CLIENT;
	case KA_ROLE_SERVER:
		return side == KA_SIDE_LISTENER || side == KA_SIDE_ACCEPTED;
	default:
		return true;
	}
}

bool ka_config_port_in_scope(const struct ka_config *cfg, int port)
{
	if (cfg->nports == 0)
		return true;
	for (int i = 0; i < cfg->nports; i++)
		if (port >= cfg->ports[i].lo && port <= cfg->ports[i].hi)
			return true;
	return false;
}

/* Force mode: ours replace whatever is there. An accepted connection is
 * compared with ours, because the answer also tells whether its listener
 * passes ours on (a connection queued before the listener was configured
 * carries the timers someone else set there). Elsewhere comparing would
 * cost as many system calls as setting, unless the caller compared anyway. */
static struct ka_decision force(const struct ka_config *cfg, const struct ka_socket_facts *s)
{
	if (s->keepalive == KA_KEEPALIVE_OURS)
		return leave(KA_WHY_ALREADY);
	if (s->side == KA_SIDE_ACCEPTED &&
	    (s->keepalive == KA_KEEPALIVE_UNKNOWN || s->keepalive == KA_KEEPALIVE_ON))
		return need(KA_NEED_VALUES);
	return configure(cfg, 0);
}

/* Respect mode. A socket made here had keepalive off when it was made, so
 * keepalive on there is the program's doing; the options it set itself are
 * kept and the rest configured, as if it had been configured at socket().
 * On a socket from elsewhere (inherited, passed in, made by a raw system
 * call, another process's), keepalive on is someone's choice too, and
 * stands. A listener on which the program turned keepalive off is left with
 * its connections: none of them would ever arrive with keepalive on, and
 * each would be checked at accept(). */
static struct ka_decision respect(const struct ka_config *cfg, const struct ka_socket_facts *s)
{
	bool switched_off_listener = s->side == KA_SIDE_LISTENER &&
				     (s->program_options & KA_OPT_KEEPALIVE) != 0;

	if (s->keepalive == KA_KEEPALIVE_UNKNOWN && (!s->made_here || switched_off_listener))
		return need(KA_NEED_KEEPALIVE);
	if (s->keepalive == KA_KEEPALIVE_OFF && switched_off_listener)
		return leave(KA_WHY_PROGRAM_OFF);
	if (!s->made_here && s->keepalive == KA_KEEPALIVE_OURS)
		return leave(KA_WHY_ALREADY);
	if (!s->made_here && s->keepalive != KA_KEEPALIVE_OFF)
		return leave(KA_WHY_OWN_KEEPALIVE);
	return configure(cfg, s->program_options & KA_OPT_ALL);
}

struct ka_decision ka_decide(const struct ka_config *cfg, const struct ka_socket_facts *s)
{
	if (!cfg->enabled)
		return leave(KA_WHY_DISABLED);
	if (s->kind == KA_KIND_UNKNOWN)
		return need(KA_NEED_KIND);
	if (s->kind != KA_KIND_TCP)
		return leave(KA_WHY_NOT_TCP);
	if (s->side == KA_SIDE_UNDECIDED) {
		/* Made here, nothing set yet: no system call to ask anything. */
		if (ka_config_filters(cfg))
			return (struct ka_decision){ KA_LATER, KA_WHY_NONE, 0, 0 };
		return cfg->force ? configure(cfg, 0) : respect(cfg, s);
	}
	if (!s->in_scope && !ka_config_role_in_scope(cfg, s->side))
		return leave(KA_WHY_ROLE);
	if (!s->in_scope && cfg->nports > 0 && s->port < 0)
		return need(KA_NEED_PORT);
	if (!s->in_scope && !ka_config_port_in_scope(cfg, s->port))
		return leave(KA_WHY_PORT);
	return cfg->force ? force(cfg, s) : respect(cfg, s);
}

const char *ka_reason_text(enum ka_reason reason)
{
	static const char *const text[KA_REASON_COUNT] = {
		[KA_WHY_NONE] = "configured",
		[KA_WHY_DISABLED] = "KEEPALIVE is off",
		[KA_WHY_NOT_TCP] = "not TCP",
		[KA_WHY_ROLE] = "outside KEEPALIVE_ROLE",
		[KA_WHY_PORT] = "outside KEEPALIVE_PORTS",
		[KA_WHY_PROGRAM_OFF] = "the program turned keepalive off on it",
		[KA_WHY_OWN_KEEPALIVE] = "its own keepalive",
		[KA_WHY_ALREADY] = "already has these settings",
	};

	return reason < KA_REASON_COUNT && text[reason] ? text[reason] : "left alone";
}
