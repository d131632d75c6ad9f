package io.urlcheck.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigDefaultsTest {

    @Retention(RetentionPolicy.RUNTIME)
    @interface ConfigMapping {
        String prefix();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @interface WithDefault {
        String value();
    }

    @ConfigMapping(prefix = "urlcheck.demo")
    interface Demo {
        @WithDefault("256")
        int maxInFlight();

        @WithDefault("10s")
        Duration requestTimeout();

        Optional<Integer> maxPending();

        Store store();

        interface Store {
            @WithDefault("data")
            String dir();
        }
    }

    @Test
    void readsEveryWithDefaultIncludingNestedGroupsByPropertyName() {
        assertThat(ConfigDefaults.declared(Demo.class)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "urlcheck.demo.max-in-flight", "256",
                "urlcheck.demo.request-timeout", "10s",
                "urlcheck.demo.store.dir", "data"));
    }

    @Test
    void aDriftedCopyFailsWithEveryDifference(@TempDir Path dir) throws IOException {
        Path deploy = Files.writeString(dir.resolve("demo.properties"), String.join("\n",
                "urlcheck.demo.max-in-flight=128",
                "urlcheck.demo.request-timeout=10s",
                "# differs from the default: the volume's mount",
                "urlcheck.demo.store.dir=/var/lib/demo"));
        Map<String, String> declared = ConfigDefaults.declared(Demo.class);

        assertThatThrownBy(() -> ConfigDefaults.assertAgree("demo.properties", declared, ConfigDefaults.propertiesFile(deploy)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("urlcheck.demo.max-in-flight: demo.properties says '128', @WithDefault says '256'")
                .hasMessageNotContaining("store.dir")
                .hasMessageNotContaining("request-timeout");
    }

    @Test
    void readsReadmeTablesCliHelpAndProseMentions(@TempDir Path dir) throws IOException {
        Path readme = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "| `urlcheck.demo.max-in-flight` | `256` | Checks in flight. |",
                "| `urlcheck.demo.max-pending` | 4 x `max-in-flight` | derived |",
                "at most `max-in-flight` (256) requests; waits `request-timeout` (10 s)",
                "holds `urlcheck.demo.max-in-flight` (1,024, at most 1 MiB)"));
        Path cli = Files.writeString(dir.resolve("Options.java"),
                "description = \"Deadline (urlcheck.demo.request-timeout; default 10).\")");
        Map<String, String> declared = ConfigDefaults.declared(Demo.class);

        assertThat(ConfigDefaults.readmeTable(readme)).containsExactly(Map.entry("urlcheck.demo.max-in-flight", "256"));
        assertThat(ConfigDefaults.cliHelp(cli)).containsExactly(Map.entry("urlcheck.demo.request-timeout", "10"));
        assertThat(ConfigDefaults.mentions(readme, "urlcheck.demo.")).containsEntry("urlcheck.demo.request-timeout", "10 s");
        ConfigDefaults.assertAgree("cli", declared, ConfigDefaults.cliHelp(cli));
        assertThatThrownBy(() -> ConfigDefaults.assertAgree("prose", declared, ConfigDefaults.mentions(readme, "urlcheck.demo.")))
                .hasMessageContaining("says '1,024', @WithDefault says '256'");
        assertThatThrownBy(() -> ConfigDefaults.assertListsEvery("README.md", declared, ConfigDefaults.readmeTable(readme)))
                .hasMessageContaining("urlcheck.demo.request-timeout").hasMessageContaining("urlcheck.demo.store.dir");
    }
}
