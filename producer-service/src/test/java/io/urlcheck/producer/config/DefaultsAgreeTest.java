package io.urlcheck.producer.config;

import io.urlcheck.testkit.ConfigDefaults;
import org.junit.jupiter.api.Test;

/** The producer's defaults live in {@link ProducerSettings}; deploy/, the README and the docs that restate them must agree. */
class DefaultsAgreeTest {

    @Test
    void everyRestatedDefaultAgreesWithItsWithDefault() {
        ConfigDefaults.assertEveryCopyAgrees(ProducerSettings.class, "deploy/base/config/producer.properties", "producer-service/README.md",
                "producer-service/README.md",
                "RELIABILITY.md",
                "README.md");
    }
}
