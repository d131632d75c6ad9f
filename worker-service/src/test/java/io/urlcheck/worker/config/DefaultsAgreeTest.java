package io.urlcheck.worker.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's defaults live in {@link WorkerConfig}; deploy/, the README table, DESIGN.md, RELIABILITY.md
 * and the launcher's CLI help restate them and must agree.
 */
class DefaultsAgreeTest {

    private static final Path ROOT = ConfigDefaults.repoRoot();
    private final Map<String, String> declared = ConfigDefaults.declared(WorkerConfig.class);

    @Test
    void deployConfigRestatesTheDeclaredDefaults() {
        ConfigDefaults.assertAgree("deploy/base/config/worker.properties", declared,
                ConfigDefaults.propertiesFile(ROOT.resolve("deploy/base/config/worker.properties")));
    }

    @Test
    void readmeTableListsEveryDefaultAsDeclared() {
        Map<String, String> table = ConfigDefaults.readmeTable(ROOT.resolve("worker-service/README.md"));
        ConfigDefaults.assertListsEvery("worker-service/README.md", declared, table);
        ConfigDefaults.assertAgree("worker-service/README.md", declared, table);
    }

    @Test
    void launcherHelpGivesTheWorkersDefaults() {
        Path options = ROOT.resolve("launcher/src/main/java/io/urlcheck/launcher/cli/WorkerOptions.java");
        Map<String, String> help = ConfigDefaults.cliHelp(options);
        assertThat(help).as("options naming a urlcheck.worker property and its default").isNotEmpty();
        ConfigDefaults.assertAgree("launcher's WorkerOptions", declared, help);
    }

    @Test
    void proseThatGivesADefaultBesideItsNameAgrees() {
        ConfigDefaults.assertAgree("worker-service/README.md", declared,
                ConfigDefaults.mentions(ROOT.resolve("worker-service/README.md"), "urlcheck.worker."));
        Map<String, String> design = ConfigDefaults.mentions(
                ROOT.resolve("worker-service/src/main/java/io/urlcheck/worker/DESIGN.md"), "urlcheck.worker.");
        assertThat(design).containsKeys("urlcheck.worker.max-in-flight", "urlcheck.worker.drain-grace");
        ConfigDefaults.assertAgree("worker-service DESIGN.md", declared, design);
        ConfigDefaults.assertAgree("RELIABILITY.md", declared, ConfigDefaults.mentions(ROOT.resolve("RELIABILITY.md"), null));
        ConfigDefaults.assertAgree("README.md", declared, ConfigDefaults.mentions(ROOT.resolve("README.md"), null));
    }
}
