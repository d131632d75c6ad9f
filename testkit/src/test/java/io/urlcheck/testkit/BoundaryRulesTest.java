package io.urlcheck.testkit;

import com.puppycrawl.tools.checkstyle.Checker;
import com.puppycrawl.tools.checkstyle.ConfigurationLoader;
import com.puppycrawl.tools.checkstyle.PropertiesExpander;
import com.puppycrawl.tools.checkstyle.api.AuditEvent;
import com.puppycrawl.tools.checkstyle.api.AuditListener;
import com.puppycrawl.tools.checkstyle.api.CheckstyleException;
import com.puppycrawl.tools.checkstyle.api.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The boundary rules the build enforces (build/checkstyle/, run by the root POM's checkstyle plugin in validate)
 * fail planted violations and pass what they allow. The fixtures in src/test/resources/boundaries are laid out
 * as module sources (module/src/main/java/...) and copied to a temporary tree, so the rules see them as main code.
 */
class BoundaryRulesTest {

    private static final Path RULES = Path.of("").toAbsolutePath().getParent().resolve("build/checkstyle");
    private static final Path FIXTURES = Path.of("src/test/resources/boundaries");

    /** Rule names (check id, or check name without "Check") reported per planted file name. */
    private static final Map<String, List<String>> VIOLATIONS = new ConcurrentHashMap<>();

    @TempDir
    static Path tree;

    @BeforeAll
    static void runTheBuildsRulesOverThePlantedSources() throws IOException, CheckstyleException {
        List<File> sources = new ArrayList<>();
        try (Stream<Path> fixtures = Files.walk(FIXTURES)) {
            for (Path fixture : fixtures.filter(p -> p.toString().endsWith(".java.fixture")).toList()) {
                String relative = FIXTURES.relativize(fixture).toString().replace(".java.fixture", ".java");
                Path source = tree.resolve(relative);
                Files.createDirectories(source.getParent());
                Files.copy(fixture, source);
                sources.add(source.toFile());
            }
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(8);

        Properties properties = new Properties();
        properties.setProperty("config_loc", RULES.toString());
        Configuration config = ConfigurationLoader.loadConfiguration(RULES.resolve("checkstyle.xml").toString(),
                new PropertiesExpander(properties));
        Checker checker = new Checker();
        checker.setModuleClassLoader(Checker.class.getClassLoader());
        checker.configure(config);
        checker.addListener(new Collector());
        try {
            checker.process(sources);
        } finally {
            checker.destroy();
        }
    }

    @Test
    void workerDomainNamingVertxFullyQualifiedWithoutImportFails() {
        assertThat(violationsOf("PlantedInlineVertx.java")).containsExactly("NoInlineQualifiedName");
    }

    @Test
    void workerDomainImportingVertxFails() {
        assertThat(violationsOf("PlantedVertxImport.java")).containsExactly("ImportControl");
    }

    @Test
    void sinkImportingTheProducerFails() {
        assertThat(violationsOf("PlantedProducerImport.java")).containsExactly("ImportControl");
    }

    @Test
    void serviceMainCodeImportingTestkitFails() {
        assertThat(violationsOf("PlantedTestkitImport.java")).containsExactly("ImportControl");
    }

    @Test
    void contractImportingAServiceFails() {
        assertThat(violationsOf("PlantedServiceImport.java")).containsExactly("ImportControl");
    }

    @Test
    void producerDomainNamingJdbcFullyQualifiedFails() {
        assertThat(violationsOf("PlantedInlineJdbc.java")).containsExactly("NoInlineQualifiedName");
    }

    @Test
    void unorderedImportsFail() {
        assertThat(violationsOf("PlantedUnorderedImports.java")).containsExactly("ImportOrder");
    }

    @Test
    void edgeSubpackageMayUseVertxAndItsDomainWithOrderedImports() {
        assertThat(violationsOf("AllowedVertxEdge.java")).isEmpty();
    }

    @Test
    void baselineHoldsOnlyStyleDebtNeverABoundaryRule() throws IOException {
        List<String> suppressions = Files.readAllLines(RULES.resolve("baseline.xml")).stream()
                .filter(line -> line.contains("<suppress ")).toList();
        // Empty since the last debt was paid; a line added later may only baseline a style check.
        assertThat(suppressions).allMatch(line -> line.contains("checks=\"ImportOrder\"")
                || line.contains("id=\"NoInlineJdkName\""));
    }

    private static List<String> violationsOf(String file) {
        return VIOLATIONS.getOrDefault(file, List.of());
    }

    /** Keeps each reported violation as its rule's name, under the file's name. */
    private static final class Collector implements AuditListener {

        @Override
        public void addError(AuditEvent event) {
            String source = event.getSourceName();
            String rule = event.getModuleId() != null ? event.getModuleId()
                    : source.substring(source.lastIndexOf('.') + 1).replaceFirst("Check$", "");
            VIOLATIONS.computeIfAbsent(Path.of(event.getFileName()).getFileName().toString(),
                    name -> new ArrayList<>()).add(rule);
        }

        @Override
        public void addException(AuditEvent event, Throwable throwable) {
            throw new AssertionError("checkstyle failed on " + event.getFileName(), throwable);
        }

        @Override
        public void auditStarted(AuditEvent event) {
        }

        @Override
        public void auditFinished(AuditEvent event) {
        }

        @Override
        public void fileStarted(AuditEvent event) {
        }

        @Override
        public void fileFinished(AuditEvent event) {
        }
    }
}
