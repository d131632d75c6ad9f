package io.urlcheck.producer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain at the package root stays free of the edges: no Kafka, Vert.x, JAX-RS, CDI or Jackson. */
class DomainPurityTest {

    private static final List<String> EDGES = List.of("import org.apache.kafka", "import io.vertx", "import jakarta.",
            "import io.smallrye", "import io.quarkus", "import com.fasterxml");

    @Test
    void rootPackageImportsNoEdgeLibrary() throws IOException {
        Path root = Path.of("src/main/java/io/urlcheck/producer");
        try (Stream<Path> files = Files.list(root)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertThat(sources).isNotEmpty();
            for (Path source : sources) {
                String text = Files.readString(source);
                assertThat(EDGES).as("imports of %s", source.getFileName()).noneMatch(text::contains);
            }
        }
    }
}
