/* KEEPALIVE_DETECT: one duration split into the kernel's timers (detect.c). */
#ifndef KA_DETECT_H
#define KA_DETECT_H

#include "settings.h"

/* Splits a detection time into timers with idle + intvl * cnt == detect_s. */
void ka_detect_split(int detect_s, int *idle_s, int *intvl_s, int *cnt);

/* KEEPALIVE_DETECT fills in every timer not set explicitly (cfg->source
 * marks those that are), fitted around them so that the sum stays exact. */
void ka_detect_apply(struct ka_config *cfg);

#endif
