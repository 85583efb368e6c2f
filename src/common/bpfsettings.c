/* The settings of the BPF programs, filled from the one description of the
 * policy: struct ka_config and the table of the five options. */
#include <config.h>

#include <string.h>

#include "bpfsettings.h"
#include "settings.h"
#include "sockopts.h"

_Static_assert(KA_BPF_OPTIONS == KA_SOCKOPT_COUNT, "one entry an option");
_Static_assert(KA_BPF_PORT_RANGES == KA_MAX_PORT_RANGES, "as many port ranges");
_Static_assert(KA_BPF_BIT_KEEPALIVE == KA_OPT_KEEPALIVE, "the same bit");
_Static_assert(KA_BPF_ROLE_ALL == KA_ROLE_ALL && KA_BPF_ROLE_CLIENT == KA_ROLE_CLIENT &&
		       KA_BPF_ROLE_SERVER == KA_ROLE_SERVER,
	       "the same roles");

void ka_bpf_settings_fill(struct ka_bpf_settings *s, const struct ka_config *cfg,
			  __u32 exempt_tgid)
{
	memset(s, 0, sizeof *s);
	s->enabled = cfg->enabled;
	s->force = cfg->force;
	s->role = (__u32)cfg->role;
	s->set = ka_sockopts_wanted(cfg);
	s->exempt_tgid = exempt_tgid;
	s->nports = (__u32)cfg->nports;
	for (int i = 0; i < cfg->nports && i < KA_BPF_PORT_RANGES; i++) {
		s->ports[i].lo = (__u32)cfg->ports[i].lo;
		s->ports[i].hi = (__u32)cfg->ports[i].hi;
	}
	for (int i = 0; i < KA_SOCKOPT_COUNT; i++) {
		const struct ka_sockopt *o = &ka_sockopts[i];

		s->opt[i] = (struct ka_bpf_option){ o->level, o->name, ka_sockopt_value(o, cfg),
						    (__s32)o->min, (__s32)o->max, o->bit };
	}
}
