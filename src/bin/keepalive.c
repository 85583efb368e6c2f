/* keepalive [OPTIONS] [--] COMMAND [ARGS...]
 *
 * Puts the options into the library's variables, the library into
 * LD_PRELOAD, checks the settings the command will get, and replaces itself
 * with COMMAND: the pid, the signals and the exit status are the command's
 * own. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup.h"
#include "environment.h"
#include "messages.h"
#include "options.h"
#include "pidcmd.h"
#include "preload.h"
#include "reach.h"
#include "show.h"

/* KEEPALIVE_INHERIT=no applies to the process whose id is in KEEPALIVE_PID.
 * COMMAND will have this process's id (exec keeps it), so it is the owner,
 * whatever an older KEEPALIVE_PID in the environment says. */
static bool mark_owner(const struct ka_config *cfg)
{
	char pid[24];

	if (cfg->inherit)
		return true;
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	return setenv(KA_OWNER_PID_VARIABLE, pid, 1) == 0;
}

/* The environment COMMAND gets: the options override the variables. */
static bool set_environment(const struct ka_cmdline *cmd, const struct ka_library *lib)
{
	struct ka_config cfg;
	char *preload;

	if (!ka_environment_apply(cmd))
		goto fail;
	ka_environment_load(&cfg);
	if (!mark_owner(&cfg))
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

/* The library is found but cannot be read: ld.so would only warn and run
 * the command without keepalive. */
static bool library_usable(const struct ka_library *lib)
{
	if (lib->error == 0)
		return true;
	fprintf(stderr,
		"keepalive: cannot use the library %s (%s): %s; install it (make install, or "
		"the keepalive package) or name it with %s=/absolute/path/libkeepalive.so\n",
		lib->path, lib->origin, strerror(lib->error), KA_LIBRARY_VARIABLE);
	return false;
}

/* Like a shell: 127 when COMMAND is not found, 126 when it cannot run. */
static int run(char **command)
{
	char shown[KA_VALUE_SHOWN_SIZE];
	int error;

	execvp(command[0], command);
	error = errno;
	ka_value_shown(shown, command[0]);
	fprintf(stderr, "keepalive: cannot run '%s': %s\n", shown, strerror(error));
	return error == ENOENT || error == ENOTDIR ? KA_EXIT_NOTFOUND : KA_EXIT_NOEXEC;
}

int main(int argc, char **argv)
{
	struct ka_cmdline cmd;
	struct ka_library lib;
	struct ka_config cfg;
	enum ka_cmd_action action = ka_cmdline_parse(argc, argv, &cmd);
	bool usable;

	if (action == KA_CMD_DONE)
		return fflush(stdout) == 0 ? 0 : KA_EXIT_FAILED;
	if (action == KA_CMD_USAGE)
		return KA_EXIT_FAILED;
	if (action == KA_CMD_PIDS)
		return ka_pidcmd_run(&cmd);
	if (action == KA_CMD_CGROUP)
		return ka_cgroup_command(&cmd);
	if (!ka_library_find(&lib) || !set_environment(&cmd, &lib))
		return KA_EXIT_FAILED;
	ka_environment_load(&cfg);
	if (action == KA_CMD_SHOW) {
		/* What a run would say, after the settings. */
		int status = ka_show(&cmd, &lib, &cfg);

		usable = ka_environment_check(&cmd, &cfg) && ka_environment_mark_checked();
		return library_usable(&lib) && usable ? status : KA_EXIT_FAILED;
	}
	if (!ka_environment_check(&cmd, &cfg) || !ka_environment_mark_checked() ||
	    !library_usable(&lib))
		return KA_EXIT_FAILED;
	ka_reach_warn(cmd.command[0]);
	return run(cmd.command);
}
