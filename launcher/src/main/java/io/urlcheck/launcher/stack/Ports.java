package io.urlcheck.launcher.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free-port discovery and the taken-port check done before anything starts. */
public final class Ports {

    private Ports() {
    }

    /** A port nothing listens on right now, chosen by the operating system. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StackException("no free port: " + e.getMessage(), e);
        }
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
