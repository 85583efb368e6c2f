# Sourced by the tests of the keepalive command: the uninstalled command,
# told through KEEPALIVE_LIBRARY to preload the uninstalled library.
. "$KA_SRCDIR/tests/lib.sh"

KA_CMD="$KA_BUILDDIR/src/bin/keepalive"
KEEPALIVE_LIBRARY="$KA_LIB"
export KEEPALIVE_LIBRARY
[ -x "$KA_CMD" ] || fail "$KA_CMD is not built"

# The tests start from an environment without the library's variables.
unset LD_PRELOAD KEEPALIVE KEEPALIVE_IDLE KEEPALIVE_INTVL KEEPALIVE_CNT KEEPALIVE_DETECT \
	KEEPALIVE_USER_TIMEOUT KEEPALIVE_DEBUG KEEPALIVE_MODE KEEPALIVE_ROLE KEEPALIVE_PORTS \
	KEEPALIVE_INHERIT KEEPALIVE_PID KEEPIDLE KEEPINTVL KEEPCNT DD_USE_KEEPALIVE \
	DD_TCP_KEEPALIVE_TIME DD_TCP_KEEPALIVE_INTVL DD_TCP_KEEPALIVE_PROBES DD_DEBUG

scratch

# status CMD...: prints the exit status of CMD, its output discarded.
status() {
	"$@" >/dev/null 2>&1 && echo 0 || echo $?
}
