package io.urlcheck.systemtests.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrowserRunTest {

    @Test
    void missingChromiumFailsWithTheInstallCommandInsteadOfSkipping(@TempDir Path dir) {
        assertThatThrownBy(() -> BrowserRun.requireChromium(dir.resolve("chromium")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dir.resolve("chromium").toString())
                .hasMessageContaining("apt-get install -y chromium");
    }

    @Test
    void anExecutableChromiumIsAccepted(@TempDir Path dir) throws Exception {
        Path chromium = Files.writeString(dir.resolve("chromium"), "#!/bin/sh\n");
        chromium.toFile().setExecutable(true);
        assertThatCode(() -> BrowserRun.requireChromium(chromium)).doesNotThrowAnyException();
    }
}
