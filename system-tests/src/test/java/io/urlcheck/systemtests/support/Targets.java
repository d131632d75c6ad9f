package io.urlcheck.systemtests.support;

import io.urlcheck.testkit.TargetResponse;
import io.urlcheck.testkit.TargetServer;

import java.util.ArrayList;
import java.util.List;

/**
 * Loopback targets on several addresses (127.0.0.1, 127.0.0.2, ...): distinct hosts, so that requests
 * keyed by host spread over partitions, and so over workers.
 */
public final class Targets implements AutoCloseable {

    private final List<TargetServer> servers = new ArrayList<>();

    private Targets(int hosts) {
        for (int i = 1; i <= hosts; i++) {
            servers.add(TargetServer.start("127.0.0." + i)
                    .stub("/redirect", TargetResponse.redirect(302, "/title/Landed")));
        }
    }

    /** {@code hosts} target servers on 127.0.0.1 up to 127.0.0.{hosts}; each answers /redirect with a 302. */
    public static Targets start(int hosts) {
        return new Targets(hosts);
    }

    /** The URL of {@code path} on host number {@code host} (1-based). */
    public String url(int host, String path) {
        return "http://127.0.0." + host + ":" + servers.get(host - 1).port() + path;
    }

    /** The server of host {@code host} (1-based). */
    public TargetServer server(int host) {
        return servers.get(host - 1);
    }

    @Override
    public void close() {
        servers.forEach(TargetServer::close);
    }
}
