package io.urlcheck.systemtests.hostile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bind address of the packaged producer and sink, started as deploy/ starts them: settings only from
 * the environment, nothing naming {@code quarkus.http.host}. With an API token they must listen on every
 * interface (a Kubernetes Service reaches the pod's IP, not its loopback); without one on loopback only.
 * Before the fix the loopback choice made at build time was baked into the jars and won even with a token.
 */
class ApiGuardBindAddressIT {

    private static final String TOKEN = "bind-token-4f1c9e";

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "producer-service, urlcheck.api.token",   // deploy/'s Secret reference names the env var like the property
            "sink-service, urlcheck.api.token",
            "sink-service, URLCHECK_API_TOKEN",       // the environment-variable spelling a user would try
    })
    void withATokenFromTheEnvironmentTheServiceListensOnEveryInterface(String module, String tokenVariable) {
        try (PackagedService service = PackagedService.start(module, Map.of(tokenVariable, TOKEN))) {
            assertThat(service.listeningHost()).as(service + " log").contains("0.0.0.0");
            assertThat(service.logText()).contains("API token required");
            PackagedService.nonLoopbackAddress().ifPresent(address ->
                    assertThat(connects(address, service.port())).as(service + " reachable on " + address).isTrue());
            assertThat(connects(InetAddress.getLoopbackAddress(), service.port())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"producer-service", "sink-service"})
    void withoutATokenTheServiceListensOnLoopbackOnly(String module) {
        try (PackagedService service = PackagedService.start(module, Map.of())) {
            assertThat(service.listeningHost()).as(service + " log").contains("127.0.0.1");
            PackagedService.nonLoopbackAddress().ifPresent(address ->
                    assertThat(connects(address, service.port())).as(service + " reachable on " + address).isFalse());
            assertThat(connects(InetAddress.getLoopbackAddress(), service.port())).isTrue();
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
