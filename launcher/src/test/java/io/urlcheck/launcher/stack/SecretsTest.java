package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

    @Test
    void passwordsTokensJaasLinesAndJdbcUrlsAreSecretsAndOrdinarySettingsAreNot() {
        assertThat(List.of("quarkus.datasource.password", "urlcheck.api.token", "kafka.sasl.jaas.config",
                "kafka.ssl.keystore.password", "quarkus.datasource.jdbc.url", "some.client-secret"))
                .allMatch(Secrets::isSecret);
        assertThat(List.of("quarkus.http.port", "kafka.bootstrap.servers", "urlcheck.worker.allow-cidrs",
                "quarkus.datasource.username", "kafka.sasl.mechanism", "kafka.ssl.truststore.certificates"))
                .noneMatch(Secrets::isSecret);
    }

    @Test
    void aServiceGetsItsSecretsInItsEnvironmentAndNeverOnItsCommandLine(@org.junit.jupiter.api.io.TempDir Path home)
            throws Exception {
        Path jar = ServiceProcess.jar(home, "sink-service");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        ServiceProcess sink = new ServiceProcess(home, "sink-service", "sink", 8083,
                Map.of("quarkus.datasource.password", "pg-secret", "urlcheck.api.token", "api-secret",
                        "urlcheck.sink.store", "postgres"), "64m", home.resolve("logs"));

        assertThat(sink.process().command()).contains("-Durlcheck.sink.store=postgres")
                .noneMatch(arg -> arg.contains("pg-secret") || arg.contains("api-secret"));
        assertThat(sink.process().environment()).containsEntry("quarkus.datasource.password", "pg-secret")
                .containsEntry("urlcheck.api.token", "api-secret");
    }

    @Test
    void theBrokerConfigWithItsPasswordsIsReadableByItsOwnerAlone(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        KafkaProcess.writePrivately(file, "listener.name.sasl.ssl.keystore.password=x\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("listener.name.sasl.ssl.keystore.password=x\n");
    }
}
