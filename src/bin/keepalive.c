/* keepalive [OPTIONS] [--] COMMAND [ARGS...]
 *
 * Puts the options into the library's variables, the library into
 * LD_PRELOAD, and replaces itself with COMMAND: the pid, the signals and the
 * exit status are the command's own. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "options.h"
#include "pidcmd.h"
#include "preload.h"
#include "show.h"

/* KEEPALIVE_INHERIT=no applies to the process whose id is in KEEPALIVE_PID.
 * COMMAND will have this process's id (exec keeps it), so it is the owner,
 * whatever an older KEEPALIVE_PID in the environment says. */
static bool mark_owner(void)
{
	struct ka_config cfg;
	char pid[24];

	ka_config_load(&cfg, ka_environment_lookup, NULL);
	if (cfg.inherit)
		return true;
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	return setenv(KA_OWNER_PID_VARIABLE, pid, 1) == 0;
}

/* The environment COMMAND gets: the options override the variables. */
static bool set_environment(const struct ka_cmdline *cmd, const struct ka_library *lib)
{
	char *preload;

	if (!ka_environment_apply(cmd) || !mark_owner())
		goto fail;
	preload = ka_preload_compose(lib->path, getenv("LD_PRELOAD"));
	if (preload == NULL || setenv("LD_PRELOAD", preload, 1) != 0)
		goto fail;
	free(preload);
	return true;
fail:
	fprintf(stderr, "keepalive: cannot set the environment: %s\n", strerror(errno));
	return false;
}

/* Like a shell: 127 when COMMAND is not found, 126 when it cannot run. */
static int run(char **command)
{
	int error;

	execvp(command[0], command);
	error = errno;
	fprintf(stderr, "keepalive: cannot run '%s': %s\n", command[0], strerror(error));
	return error == ENOENT || error == ENOTDIR ? KA_EXIT_NOTFOUND : KA_EXIT_NOEXEC;
}

int main(int argc, char **argv)
{
	struct ka_cmdline cmd;
	struct ka_library lib;
	enum ka_cmd_action action = ka_cmdline_parse(argc, argv, &cmd);

	if (action == KA_CMD_DONE)
		return fflush(stdout) == 0 ? 0 : KA_EXIT_FAILED;
	if (action == KA_CMD_USAGE)
		return KA_EXIT_USAGE;
	if (action == KA_CMD_PIDS)
		return ka_pidcmd_run(&cmd);
	if (action == KA_CMD_CGROUP)
		return ka_cgroup_command(&cmd);
	if (!ka_library_find(&lib) || !set_environment(&cmd, &lib))
		return KA_EXIT_FAILED;
	if (action == KA_CMD_SHOW)
		return ka_show(&cmd, &lib);
	if (lib.error != 0) {
		/* ld.so would only warn and run the command without keepalive. */
		fprintf(stderr, "keepalive: cannot use the library %s (%s): %s\n", lib.path,
			lib.origin, strerror(lib.error));
		return KA_EXIT_FAILED;
	}
	return run(cmd.command);
}
