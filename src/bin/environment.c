/* The command's view of the environment, as the library's loader sees it. */
#include <config.h>

#include <stdlib.h>

#include "environment.h"

const char *ka_environment_lookup(const char *name, void *ctx)
{
	(void)ctx;
	return getenv(name);
}

void ka_environment_load(struct ka_config *cfg)
{
	ka_config_load(cfg, ka_environment_lookup, NULL);
}
