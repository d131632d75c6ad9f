package io.urlcheck.worker;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain at the package root imports no framework: Vert.x, Kafka, Netty, CDI, Quarkus, JAX-RS, JDBC. */
class DomainPurityTest {

    private static final List<String> FORBIDDEN = List.of("io.vertx", "io.netty", "org.apache.kafka", "jakarta.",
            "javax.enterprise", "io.quarkus", "io.smallrye", "java.sql", "org.eclipse.microprofile", "io.micrometer");

    @Test
    void domainClassesImportNoFrameworks() throws IOException {
        Path root = Path.of("src/main/java/io/urlcheck/worker");
        try (Stream<Path> files = Files.list(root)) {
            List<Path> domain = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(domain).isNotEmpty();
            for (Path file : domain) {
                List<String> imports = Files.readAllLines(file).stream().filter(l -> l.startsWith("import ")).toList();
                assertThat(imports).as(file.getFileName().toString())
                        .noneMatch(i -> FORBIDDEN.stream().anyMatch(f -> i.contains(" " + f) || i.contains("static " + f)));
            }
        }
    }
}
