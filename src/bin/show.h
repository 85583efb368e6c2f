/* keepalive --show: the settings a command would get, and their origins. */
#ifndef KA_SHOW_H
#define KA_SHOW_H

#include "options.h"
#include "preload.h"

/* Prints the settings the library would load from the current environment
 * (the options already applied to it, loaded into cfg) and the library it
 * would preload; returns the exit status. */
int ka_show(const struct ka_cmdline *cmd, const struct ka_library *lib,
	    const struct ka_config *cfg);

#endif
