package io.urlcheck.worker.http;

import io.vertx.core.http.HttpConnection;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The pooled connections exchanges have used, so an exchange can tell a connection opened for it (whose connect
 * and TLS handshake it waited for) from one reused. Each event loop has its own set, since a host's exchanges
 * stay on one loop; a connection is forgotten when the pool drops it and it is collected.
 */
final class SeenConnections {

    private final ThreadLocal<Set<HttpConnection>> perLoop =
            ThreadLocal.withInitial(() -> Collections.newSetFromMap(new WeakHashMap<>()));

    /** True the first time {@code connection} is seen on this thread: it was opened for the caller. */
    boolean firstSight(HttpConnection connection) {
        return connection != null && perLoop.get().add(connection);
    }
}
