/* Runs the unit tests of the settings parser (src/common). */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

const char *fake_lookup(const char *name, void *ctx)
{
	struct fake_env *env = ctx;
	size_t n = strlen(name);

	env->lookups++;
	for (const char *const *p = env->pairs; *p != NULL; p++)
		if (strncmp(*p, name, n) == 0 && (*p)[n] == '=')
			return *p + n + 1;
	return NULL;
}

void load_env(struct ka_config *cfg, const char *const *pairs)
{
	struct fake_env env = { pairs, 0 };

	/* Garbage first: ka_config_load must set every field itself. */
	memset(cfg, 0xa5, sizeof *cfg);
	ka_config_load(cfg, fake_lookup, &env);
}

int main(void)
{
	SRunner *runner = srunner_create(parse_suite());
	int failed;

	srunner_add_suite(runner, load_suite());
	srunner_add_suite(runner, messages_suite());
	srunner_add_suite(runner, scope_suite());
	srunner_add_suite(runner, detect_suite());
	srunner_add_suite(runner, compat_suite());
	srunner_add_suite(runner, decide_suite());
	srunner_add_suite(runner, bpfrule_suite());
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
