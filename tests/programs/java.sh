#!/bin/sh
# OpenJDK, a server: a ServerSocket whose accepted Socket is read in a
# blocking InputStream.read() (NioSocketImpl, through the JVM's libnet and
# libnio), no keepalive of its own (setKeepAlive not called). The program
# is a source file run directly by java (source-file mode).
. "$KA_SRCDIR/tests/lib.sh"
. "$KA_SRCDIR/tests/netns/netns.sh"
. "$KA_SRCDIR/tests/programs/programs.sh"
need java socat
prog_setup java

cat >"$NS_TMP/KaServer.java" <<'JAVA'
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

public class KaServer {
    public static void main(String[] args) throws IOException {
        try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[1]), 1,
                                                      InetAddress.getByName(args[0]));
             Socket conn = listener.accept()) {
            System.err.println("read returned " + conn.getInputStream().read());
        } catch (IOException e) {
            System.err.println("read failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
JAVA
# Source-file mode needs the compiler module, which a JRE lacks.
java --list-modules 2>/dev/null | grep -q '^jdk.compiler@' ||
	skip "java cannot run a source file (no jdk.compiler: install default-jdk-headless)"

# start_java LABEL ENV-WORDS...
start_java() {
	label=$1
	shift
	prog_port
	# shellcheck disable=SC2086
	ns_bg "$NS_A" env "$@" java -XX:TieredStopAtLevel=1 "$NS_TMP/KaServer.java" \
		"$A4" "$PROG_PORT" >"$NS_TMP/$label.out" 2>&1
	ns_until 30000 ns_has_listener "$NS_A" "$PROG_PORT" ||
		fail "$label: java does not listen after 30 s: $(cat "$NS_TMP/$label.out")"
	prog_client "$PROG_PORT"
	prog_watch "$label" "$NS_A" "$PROG_PORT"
}

prog_about OpenJDK "$(java -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/\1/p')" server \
	"none (Socket.setKeepAlive not called)"
# shellcheck disable=SC2086
start_java with $PROG_WITH
start_java without
prog_pull "$NS_B"
prog_noticed with
sed 's/^/  | /' "$NS_TMP/with.out"
prog_blocked without
prog_needs "nothing"
