package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.urlcheck.launcher.stack.ClassDataSharing.Format.AOT_CACHE;
import static io.urlcheck.launcher.stack.ClassDataSharing.Format.APP_CDS;
import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTest extends TemporaryHome {

    @Test
    void aFirstRunWritesTheArchiveAtExitAndALaterRunMapsIt() throws Exception {
        Path jar = Files.writeString(home.resolve("app.jar"), "v1");
        ClassDataSharing first = ClassDataSharing.of("sink-service", List.of(jar), APP_CDS);

        assertThat(first.writesAtExit()).isTrue();
        Path pending = Path.of(flagValue(first.flags(), "-XX:ArchiveClassesAtExit="));
        Files.writeString(pending, "archive");
        first.afterExit(143);

        ClassDataSharing later = ClassDataSharing.of("sink-service", List.of(jar), APP_CDS);
        assertThat(later.writesAtExit()).isFalse();
        Path archive = Path.of(flagValue(later.flags(), "-XX:SharedArchiveFile="));
        assertThat(archive).hasContent("archive").hasParent(home.resolve(".urlcheck/cds"));
        assertThat(pending).doesNotExist();
    }

    @Test
    void aKilledJvmsHalfArchiveIsDroppedNeverMapped() throws Exception {
        Path jar = Files.writeString(home.resolve("app.jar"), "v1");
        ClassDataSharing run = ClassDataSharing.of("worker-service", List.of(jar), APP_CDS);
        Path pending = Path.of(flagValue(run.flags(), "-XX:ArchiveClassesAtExit="));
        Files.writeString(pending, "half an arch");

        run.afterExit(137);

        assertThat(pending).doesNotExist();
        assertThat(ClassDataSharing.of("worker-service", List.of(jar), APP_CDS).writesAtExit()).isTrue();
    }

    @Test
    void aClassPathWithADirectoryOfClassesGetsNoArchiveSinceTheJvmCouldNotWriteOne() throws Exception {
        Path jar = Files.writeString(home.resolve("app.jar"), "v1");
        Path classes = Files.createDirectories(home.resolve("test-classes"));
        Files.writeString(classes.resolve("Probe.class"), "bytes");

        assertThat(ClassDataSharing.of("kafka", List.of(jar, classes), APP_CDS)).isNull();
        assertThat(ClassDataSharing.of("kafka", List.of(jar, classes), AOT_CACHE)).isNull();
        assertThat(ClassDataSharing.of("kafka", List.of(jar), APP_CDS)).isNotNull();
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwn() throws Exception {
        Path jar = Files.writeString(home.resolve("app.jar"), "v1");
        String before = ClassDataSharing.of("producer-service", List.of(jar), APP_CDS).flags().get(0);
        Files.writeString(jar, "version 2, longer");

        assertThat(ClassDataSharing.of("producer-service", List.of(jar), APP_CDS).flags().get(0)).isNotEqualTo(before);
    }

    @Test
    void aNewArchiveReplacesTheOnesOfEarlierBuilds() throws Exception {
        Path jar = Files.writeString(home.resolve("app.jar"), "v1");
        Path old = appCdsWrittenAtExit("kafka", jar, "archive 1");
        Path otherKind = Files.writeString(home.resolve(".urlcheck/cds/kafka-tool-0123abcd.jsa"), "not ours");

        Files.writeString(jar, "version 2, longer");
        Path current = appCdsWrittenAtExit("kafka", jar, "archive 2");

        assertThat(old).doesNotExist();
        assertThat(otherKind).exists();
        assertThat(current).hasContent("archive 2");
    }

    @Test
    void onJdk25AndLaterTheArchiveIsAnAheadOfTimeCacheThatReplacesTheAppCdsOne() throws Exception {
        Path jar = Files.writeString(home.resolve("app.jar"), "v1");
        Path jsa = appCdsWrittenAtExit("worker-service", jar, "app cds");

        ClassDataSharing first = ClassDataSharing.of("worker-service", List.of(jar), AOT_CACHE);
        assertThat(first.writesAtExit()).isTrue();
        assertThat(first.flags()).hasSize(1);
        Path pending = Path.of(flagValue(first.flags(), "-XX:AOTCacheOutput="));
        Path trainingRecord = Files.writeString(Path.of(pending + ".config"), "training");
        Files.writeString(pending, "aot cache");
        first.afterExit(143);

        ClassDataSharing later = ClassDataSharing.of("worker-service", List.of(jar), AOT_CACHE);
        assertThat(later.writesAtExit()).isFalse();
        assertThat(later.flags()).hasSize(1);
        assertThat(Path.of(flagValue(later.flags(), "-XX:AOTCache="))).hasContent("aot cache").hasFileName(
                jsa.getFileName().toString().replace(".jsa", ".aot"));
        assertThat(trainingRecord).doesNotExist();
        assertThat(jsa).doesNotExist();
    }

    /** A JVM of {@code kind} that wrote {@code content} as its AppCDS archive at a clean exit: the archive later runs map. */
    private static Path appCdsWrittenAtExit(String kind, Path jar, String content) throws Exception {
        ClassDataSharing run = ClassDataSharing.of(kind, List.of(jar), APP_CDS);
        Files.writeString(Path.of(flagValue(run.flags(), "-XX:ArchiveClassesAtExit=")), content);
        run.afterExit(0);
        return Path.of(flagValue(ClassDataSharing.of(kind, List.of(jar), APP_CDS).flags(), "-XX:SharedArchiveFile="));
    }

    private static String flagValue(List<String> flags, String prefix) {
        return flags.stream().filter(f -> f.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }
}
