package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void aListeningPortIsReportedTakenWithTheOptionThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "producer API", "--producer-port"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + port + " (producer API) is already in use; choose another with"
                            + " --producer-port <port> or stop what listens there");
        }
    }

    @Test
    void aFreePortIsFree() {
        assertThat(Ports.isFree(Ports.free())).isTrue();
    }

    @Test
    void freePortsAreNeverEphemeralNorHandedOutTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertThat(port).isBetween(Ports.FIRST_FREE, Ports.FIRST_FREE + Ports.FREE_SPAN - 1).isLessThan(32_768);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
    }

    @Test
    void aFreePortCanBeBoundByAServer() throws Exception {
        int port = Ports.free();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }
}
