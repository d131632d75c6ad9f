package io.urlcheck.testkit;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void freePortsAreBelowTheEphemeralRangeAndNeverHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.free();
            assertThat(port).isBetween(FreePorts.FIRST, FreePorts.FIRST + FreePorts.SPAN - 1).isLessThan(32_768);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void aFreePortCanBeBoundByAServer() throws Exception {
        int port = FreePorts.free();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
