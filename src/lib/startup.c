/* Our constructor: the work that must happen before the program's main(),
 * and nothing that can wait for the first socket.
 *
 * Before main(): warnings about bad variables, so that a mistake shows when
 * the program starts whatever it does; the KEEPALIVE_INHERIT rule, before
 * the program can start a child; socket activation, before main() accepts
 * from the listeners. Each needs a variable to be set: without one the
 * settings are all defaults, loaded by the first hook that needs them
 * (runtime.c), as they are when another library's constructor calls
 * socket() before ours has run. The symbols we interpose are resolved on
 * first use (real.c), the descriptor table mapped on first use (fdstate.c).
 * Reading the settings calls nothing in the C library (parse.h), and the
 * names it reads are in a page the loader has mapped (rodata-first.ld). */
#include <config.h>

#include "activation.h"
#include "inherit.h"
#include "log.h"
#include "runtime.h"

__attribute__((constructor)) static void ka_startup(void)
{
	struct ka_config scratch;
	const struct ka_config *cfg;

	if (!ka_runtime_environment_set())
		return;
	cfg = ka_runtime_settings(&scratch);
	if (ka_runtime_not_owner(cfg)) {
		ka_inherit_startup(cfg); /* a child: quietly step aside */
		return;
	}
	ka_log_startup(cfg);
	ka_inherit_startup(cfg);
	ka_activation_startup(cfg);
}
