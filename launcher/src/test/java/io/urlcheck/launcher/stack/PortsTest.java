package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

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
}
