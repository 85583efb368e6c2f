/* KEEPALIVE_INHERIT=no: the library applies to one process only. */
#ifndef KA_INHERIT_H
#define KA_INHERIT_H

#include "settings.h"

/* From the constructor: marks this process as the one the library is for,
 * or, in a child, removes the library and its variables from the
 * environment so that the child's own children do not even load it. */
void ka_inherit_startup(const struct ka_config *cfg);

#endif
