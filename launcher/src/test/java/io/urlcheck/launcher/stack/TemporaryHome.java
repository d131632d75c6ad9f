package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * For tests of what the launcher keeps under {@code <home>/.urlcheck} (class-data archives): each test gets a
 * temporary {@code urlcheck.home}, and the caller's is restored after it.
 */
abstract class TemporaryHome {

    @TempDir
    Path home;
    private String previousHome;

    @BeforeEach
    void useATemporaryHome() {
        previousHome = System.getProperty("urlcheck.home");
        System.setProperty("urlcheck.home", home.toString());
    }

    @AfterEach
    void restoreTheHome() {
        if (previousHome == null) {
            System.clearProperty("urlcheck.home");
        } else {
            System.setProperty("urlcheck.home", previousHome);
        }
    }
}
