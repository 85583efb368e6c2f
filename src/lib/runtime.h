/* The settings of this process, loaded once from the environment. */
#ifndef KA_RUNTIME_H
#define KA_RUNTIME_H

#include "settings.h"

/* Returns the settings, loading them on first use. If another thread or an
 * interrupted caller is loading them right now, they are parsed into
 * *scratch instead (parsing is pure, so the result is the same) and
 * scratch is returned: no caller ever waits. */
const struct ka_config *ka_runtime_settings(struct ka_config *scratch);

/* Whether any variable the library reads at start-up is set (ours, the
 * older shims', LISTEN_PID): without one, the constructor has nothing to
 * do, and the settings (all defaults) are loaded by the first hook. */
bool ka_runtime_environment_set(void);

/* KEEPALIVE_INHERIT=no and this process is not the one it was set up for:
 * a child that the program started. */
bool ka_runtime_not_owner(const struct ka_config *cfg);

#endif
