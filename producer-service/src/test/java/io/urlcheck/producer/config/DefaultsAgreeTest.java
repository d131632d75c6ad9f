package io.urlcheck.producer.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

/** The producer's defaults live in {@link ProducerSettings}; deploy/ and the README restate them and must agree. */
class DefaultsAgreeTest {

    private static final Path ROOT = ConfigDefaults.repoRoot();
    private final Map<String, String> declared = ConfigDefaults.declared(ProducerSettings.class);

    @Test
    void deployConfigRestatesTheDeclaredDefaults() {
        ConfigDefaults.assertAgree("deploy/base/config/producer.properties", declared,
                ConfigDefaults.propertiesFile(ROOT.resolve("deploy/base/config/producer.properties")));
    }

    @Test
    void readmeTableListsEveryDefaultAsDeclared() {
        Map<String, String> table = ConfigDefaults.readmeTable(ROOT.resolve("producer-service/README.md"));
        ConfigDefaults.assertListsEvery("producer-service/README.md", declared, table);
        ConfigDefaults.assertAgree("producer-service/README.md", declared, table);
    }

    @Test
    void proseThatGivesADefaultBesideItsNameAgrees() {
        ConfigDefaults.assertAgree("producer-service/README.md", declared,
                ConfigDefaults.mentions(ROOT.resolve("producer-service/README.md"), "urlcheck.producer."));
        ConfigDefaults.assertAgree("RELIABILITY.md", declared,
                ConfigDefaults.mentions(ROOT.resolve("RELIABILITY.md"), null));
    }
}
