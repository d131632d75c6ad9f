package io.urlcheck.sink.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

/** The sink's defaults live in {@link SinkConfig}; deploy/, the README and the docs that restate them must agree. */
class DefaultsAgreeTest {

    @Test
    void everyRestatedDefaultAgreesWithItsWithDefault() {
        ConfigDefaults.assertEveryCopyAgrees(SinkConfig.class, "deploy/base/config/sink.properties", "sink-service/README.md",
                "sink-service/README.md",
                "sink-service/src/main/java/io/urlcheck/sink/store/json/DESIGN.md",
                "RELIABILITY.md",
                "README.md");
    }
}
