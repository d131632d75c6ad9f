package io.urlcheck.worker.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's defaults live in {@link WorkerConfig}; deploy/, the README, DESIGN.md, RELIABILITY.md and the
 * launcher's CLI help restate them and must agree.
 */
class DefaultsAgreeTest {

    private static final String DESIGN = "worker-service/src/main/java/io/urlcheck/worker/DESIGN.md";

    @Test
    void everyRestatedDefaultAgreesWithItsWithDefault() {
        assertThat(ConfigDefaults.mentions(ConfigDefaults.repoRoot().resolve(DESIGN), "urlcheck.worker."))
                .as("DESIGN.md's mentions, so the check below is not empty").containsKeys("urlcheck.worker.max-in-flight");
        ConfigDefaults.assertEveryCopyAgrees(WorkerConfig.class, "deploy/base/config/worker.properties", "worker-service/README.md",
                "worker-service/README.md", DESIGN, "RELIABILITY.md", "README.md");
    }

    @Test
    void launcherHelpGivesTheWorkersDefaults() {
        Path options = ConfigDefaults.repoRoot().resolve("launcher/src/main/java/io/urlcheck/launcher/cli/WorkerOptions.java");
        Map<String, String> help = ConfigDefaults.cliHelp(options);
        assertThat(help).as("options naming a urlcheck.worker property and its default").isNotEmpty();
        ConfigDefaults.assertAgree("launcher's WorkerOptions", ConfigDefaults.declared(WorkerConfig.class), help);
    }
}
