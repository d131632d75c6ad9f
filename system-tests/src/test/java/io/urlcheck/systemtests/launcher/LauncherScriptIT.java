package io.urlcheck.systemtests.launcher;

import io.urlcheck.systemtests.support.Home;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./urlcheck} itself, the script every README command starts with: it finds a Java 17+, then runs the built
 * launcher. The other launcher tests start the launcher's jar directly; these run the script as a user does.
 */
class LauncherScriptIT {

    /** What a user sees from the script, and how it exited. */
    private record Outcome(int exitCode, String stdout, String stderr) {
    }

    @Test
    void theScriptRunsTheBuiltLauncher() throws Exception {
        Outcome version = script(Map.of(), "--version");

        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).startsWith("urlcheck ");
    }

    @Test
    void aJdkOlderThan17IsRefusedByTheVersionItsReleaseFileGivesWithoutStartingIt() throws Exception {
        // Its java would claim 17 if asked: the refusal shows that the release file was read, not the JVM asked.
        Path jdk = fakeJdk("jdk-11-release", "11.0.2", "17.0.99");

        Outcome refused = script(Map.of("JAVA_HOME", jdk.toString()), "--version");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.stderr().strip()).isEqualTo("urlcheck: Java 11.0.2 found at " + jdk.resolve("bin/java")
                + ", but urlcheck needs Java 17 or newer. Install a JDK 17+ or point JAVA_HOME at one.");
    }

    @Test
    void aJavaWithoutAReleaseFileIsAskedItsVersion() throws Exception {
        Path jdk = fakeJdk("jdk-11-no-release", null, "11.0.2");

        Outcome refused = script(Map.of("JAVA_HOME", jdk.toString()), "--version");

        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.stderr()).contains("Java 11.0.2 found at").contains("needs Java 17 or newer");
    }

    /**
     * A JDK directory whose {@code bin/java} only says it is {@code javaSays} (as {@code java -version} does, on
     * stderr), with a {@code release} file giving {@code releaseVersion}, as every JDK has (none when null).
     */
    private static Path fakeJdk(String name, String releaseVersion, String javaSays) throws IOException {
        Path jdk = Home.runDir("launcher-script").resolve(name);
        Files.createDirectories(jdk.resolve("bin"));
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + javaSays + "\" 2019-01-15' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (releaseVersion != null) {
            Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + releaseVersion + "\"\n");
        }
        return jdk;
    }

    /** {@code ./urlcheck ARGS} from the checkout, never building (the build made the jars), with {@code environment}. */
    private static Outcome script(Map<String, String> environment, String... args) throws Exception {
        Path dir = Home.runDir("launcher-script");
        Path out = Files.createTempFile(dir, "script-", ".out");
        Path err = Files.createTempFile(dir, "script-", ".err");
        ProcessBuilder builder = new ProcessBuilder(concat(Home.path().resolve("urlcheck").toString(), args))
                .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("URLCHECK_NO_BUILD", "1");
        builder.environment().putAll(environment);
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./urlcheck " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toList();
    }
}
