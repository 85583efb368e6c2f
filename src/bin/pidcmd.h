/* keepalive --pid PID...|all: the command line made into a request. */
#ifndef KA_PIDCMD_H
#define KA_PIDCMD_H

#include "options.h"

/* Checks the operands and options, loads the settings from the environment
 * with the options applied, and runs ka_procs_run(); returns the exit
 * status (2 for a usage error, with nothing changed). */
int ka_pidcmd_run(const struct ka_cmdline *cmd);

#endif
