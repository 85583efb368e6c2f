/* The command's view of the environment, as the library's loader sees it. */
#ifndef KA_ENVIRONMENT_H
#define KA_ENVIRONMENT_H

#include "settings.h"

/* getenv() as ka_config_load() looks variables up. */
const char *ka_environment_lookup(const char *name, void *ctx);

/* The settings the library would load from the current environment. */
void ka_environment_load(struct ka_config *cfg);

#endif
