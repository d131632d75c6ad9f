package io.urlcheck.sink;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain at the root of io.urlcheck.sink stays pure: no Kafka, messaging, JAX-RS, JDBC, Vert.x or CDI. */
class DomainPurityTest {

    private static final List<String> FORBIDDEN = List.of("import org.apache.kafka", "import io.smallrye.reactive",
            "import org.eclipse.microprofile.reactive", "import jakarta.ws.rs", "import java.sql", "import javax.sql",
            "import io.vertx", "import jakarta.enterprise", "import io.quarkus", "import io.urlcheck.sink.store",
            "import io.urlcheck.sink.api", "import io.urlcheck.sink.messaging");

    @Test
    void domainClassesImportNoEdge() throws IOException {
        Path domain = Path.of("src/main/java/io/urlcheck/sink");
        try (Stream<Path> files = Files.list(domain)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).hasSizeGreaterThan(10);
            for (Path source : sources) {
                String text = Files.readString(source);
                assertThat(FORBIDDEN).as(source.getFileName().toString()).noneMatch(text::contains);
            }
        }
    }
}
