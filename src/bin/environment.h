/* The command's view of the environment, as the library's loader sees it. */
#ifndef KA_ENVIRONMENT_H
#define KA_ENVIRONMENT_H

#include "options.h"
#include "settings.h"

/* getenv() as ka_config_load() looks variables up. */
const char *ka_environment_lookup(const char *name, void *ctx);

/* The settings the library would load from the current environment. */
void ka_environment_load(struct ka_config *cfg);

/* Puts the options into the library's variables (setenv); false with
 * errno set when that fails. */
bool ka_environment_apply(const struct ka_cmdline *cmd);

/* Says what is wrong with the settings, one line each, naming the option
 * typed or the variable set: a bad value is refused as a bad option is
 * (false), a warning about how the timers fit together is given. */
bool ka_environment_check(const struct ka_cmdline *cmd, const struct ka_config *cfg);

/* Leaves the fingerprint of the variables checked in KEEPALIVE_CHECKED, so
 * that the library in the command and in the programs it starts does not
 * repeat those warnings; false (with a message) when that fails. */
bool ka_environment_mark_checked(void);

#endif
