/* Our constructor: settings, messages, and the work that must happen before
 * the program's main(). Hooks that run earlier (another library's
 * constructor calling socket()) load the settings themselves (runtime.c). */
#include <config.h>

#include "activation.h"
#include "inherit.h"
#include "log.h"
#include "real.h"
#include "runtime.h"

__attribute__((constructor)) static void ka_startup(void)
{
	struct ka_config scratch;
	const struct ka_config *cfg = ka_runtime_settings(&scratch);

	ka_real_resolve_all();

	if (ka_runtime_not_owner(cfg)) {
		ka_inherit_startup(cfg); /* a child: quietly step aside */
		return;
	}
	ka_log_startup(cfg);
	ka_inherit_startup(cfg);
	ka_activation_startup(cfg);
}
