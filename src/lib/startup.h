/* Work done once, in our constructor, before the program's main(). */
#ifndef KA_STARTUP_H
#define KA_STARTUP_H

#include "settings.h"

/* KEEPALIVE_INHERIT=no: marks this process as the one the library is for,
 * or, in a child, removes the library and its variables from the
 * environment so that the child's own children do not even load it. */
void ka_startup_inheritance(const struct ka_config *cfg);

/* systemd socket activation: configures the listeners passed in LISTEN_FDS. */
void ka_startup_activation(const struct ka_config *cfg);

#endif
