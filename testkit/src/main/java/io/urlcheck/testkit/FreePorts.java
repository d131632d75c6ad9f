package io.urlcheck.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for a server that a test (or the bench) starts a moment later in another process: PostgreSQL,
 * a service jar. The rule is the launcher's {@code Ports.free}, which production code cannot share with
 * test code: pick below Linux's default ephemeral range (32768-60999), and never hand out a port twice
 * in one JVM. {@code new ServerSocket(0)} picks inside that range, where the port can be taken before the
 * server binds it, as the source port of any outgoing connection: Kafka clients open many while suites run.
 */
public final class FreePorts {

    static final int FIRST = 20_000;
    static final int SPAN = 12_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A TCP port nothing listens on right now, and that this JVM has not handed out before. */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST + ThreadLocalRandom.current().nextInt(SPAN);
            if (!HANDED_OUT.contains(port) && canBind(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + (FIRST + SPAN - 1));
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as servers bind: a TIME_WAIT left by an earlier test does not block
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
