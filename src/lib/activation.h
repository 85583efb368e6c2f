/* systemd socket activation: the descriptors passed in LISTEN_FDS. */
#ifndef KA_ACTIVATION_H
#define KA_ACTIVATION_H

#include "settings.h"

/* From the constructor: configures the listeners (and, with Accept=yes, the
 * connection) passed to this process. */
void ka_activation_startup(const struct ka_config *cfg);

#endif
