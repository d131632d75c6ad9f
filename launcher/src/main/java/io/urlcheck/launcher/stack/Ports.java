package io.urlcheck.launcher.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free-port discovery and the taken-port check done before anything starts. */
public final class Ports {

    private Ports() {
    }

    /** Free ports are picked from here: below Linux's default ephemeral range, 32768-60999. */
    static final int FIRST_FREE = 20_000;
    static final int FREE_SPAN = 12_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final PortClaims CLAIMS = PortClaims.ofThisUser();

    /**
     * A port nothing listens on right now, for a service to bind a moment later, never one this JVM handed
     * out before, and none another urlcheck process on this machine handed out in the last minute
     * ({@link PortClaims}). Not from the ephemeral range, where {@code new ServerSocket(0)} picks: a port
     * from there can be taken in between as the source port of an outgoing connection, which happens when
     * several services and their Kafka clients start at once.
     */
    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = FIRST_FREE + ThreadLocalRandom.current().nextInt(FREE_SPAN);
            if (!HANDED_OUT.contains(port) && isFree(port) && CLAIMS.claim(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new StackException("no free port in " + FIRST_FREE + "-" + (FIRST_FREE + FREE_SPAN - 1));
    }

    /** True when {@code port} can be bound on every interface, so a service started on it will not clash. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the services bind: a listener blocks the port, a TIME_WAIT left by an earlier run does not.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a {@link PortInUseException} naming {@code what} and {@code option} when the port is taken. */
    public static void requireFree(int port, String what, String option) {
        if (!isFree(port)) {
            throw new PortInUseException(what, port, option);
        }
    }
}
