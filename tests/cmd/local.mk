# The keepalive command, run from the build tree against the built library.
EXTRA_DIST += tests/cmd/common.sh
cmd_tests = \
	tests/cmd/help.sh \
	tests/cmd/options.sh \
	tests/cmd/badvalues.sh \
	tests/cmd/exec.sh \
	tests/cmd/preload.sh \
	tests/cmd/show.sh \
	tests/cmd/man.sh \
	tests/cmd/completion.sh \
	tests/cmd/install.sh \
	tests/cmd/recipes.sh \
	tests/cmd/reach.sh \
	tests/cmd/once.sh \
	tests/cmd/docs-agree.sh
dist_check_SCRIPTS += $(cmd_tests)
TESTS += $(cmd_tests)
