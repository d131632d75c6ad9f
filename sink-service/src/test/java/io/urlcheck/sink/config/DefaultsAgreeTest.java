package io.urlcheck.sink.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

/** The sink's defaults live in {@link SinkConfig}; deploy/ and the README restate them and must agree. */
class DefaultsAgreeTest {

    private static final Path ROOT = ConfigDefaults.repoRoot();
    private final Map<String, String> declared = ConfigDefaults.declared(SinkConfig.class);

    @Test
    void deployConfigRestatesTheDeclaredDefaults() {
        ConfigDefaults.assertAgree("deploy/base/config/sink.properties", declared,
                ConfigDefaults.propertiesFile(ROOT.resolve("deploy/base/config/sink.properties")));
    }

    @Test
    void readmeTableListsEveryDefaultAsDeclared() {
        Map<String, String> table = ConfigDefaults.readmeTable(ROOT.resolve("sink-service/README.md"));
        ConfigDefaults.assertListsEvery("sink-service/README.md", declared, table);
        ConfigDefaults.assertAgree("sink-service/README.md", declared, table);
    }

    @Test
    void proseThatGivesADefaultBesideItsNameAgrees() {
        ConfigDefaults.assertAgree("sink-service/README.md", declared,
                ConfigDefaults.mentions(ROOT.resolve("sink-service/README.md"), "urlcheck.sink."));
        ConfigDefaults.assertAgree("sink-service/src/main/java/io/urlcheck/sink/store/json/DESIGN.md", declared,
                ConfigDefaults.mentions(ROOT.resolve("sink-service/src/main/java/io/urlcheck/sink/store/json/DESIGN.md"), "urlcheck.sink."));
        ConfigDefaults.assertAgree("RELIABILITY.md", declared,
                ConfigDefaults.mentions(ROOT.resolve("RELIABILITY.md"), null));
    }
}
