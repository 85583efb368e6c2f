/* keepalive --show: the settings a command would get, and their origins. */
#ifndef KA_SHOW_H
#define KA_SHOW_H

#include "options.h"
#include "preload.h"

/* getenv() as the library's loader looks variables up. */
const char *ka_environment_lookup(const char *name, void *ctx);

/* Puts the options into the library's variables (setenv); false with
 * errno set when that fails. */
bool ka_environment_apply(const struct ka_cmdline *cmd);

/* Prints the settings the library would load from the current environment
 * (the options already applied to it); returns the exit status. */
int ka_show(const struct ka_cmdline *cmd, const struct ka_library *lib);

#endif
