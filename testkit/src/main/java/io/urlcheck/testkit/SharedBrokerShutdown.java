package io.urlcheck.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared test broker when the JUnit run ends, while the JVM is still whole, instead of in a
 * shutdown hook that races Kafka's own temp-directory cleanup. Registered through
 * {@code META-INF/services}, so every module whose tests use the testkit gets it.
 */
public class SharedBrokerShutdown implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        KafkaBrokerResource.stopShared();
    }
}
