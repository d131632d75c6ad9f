package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker's command, as built in a JVM that runs from classes, like this test's, and its formatted log directory (the broker is not started). */
class KafkaProcessTest extends TemporaryHome {

    @Test
    void aBrokerStartedFromClassesGetsOnlyJarsAndAnArchiveKindOfItsOwn() {
        assertThat(classPath(System.getProperty("java.class.path")))
                .as("this test runs from target/classes").anyMatch(Files::isDirectory);

        KafkaProcess kafka = new KafkaProcess(home.resolve("kafka"), home.resolve("logs"), Ports.free(), Ports.free());

        List<String> command = kafka.process().command();
        List<Path> brokerClassPath = classPath(command.get(command.indexOf("-cp") + 1));
        assertThat(brokerClassPath).isNotEmpty().noneMatch(Files::isDirectory)
                .anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        ClassDataSharing archive = kafka.process().classDataSharing();
        assertThat(archive).as("a class path of jars only can be archived").isNotNull();
        assertThat(archive.archive().getFileName().toString())
                .as("not the packaged launcher's kind, whose class path differs").startsWith("kafka-embedded-");
    }

    @Test
    void launchersFormattingTheFirstLogDirectoryAtOnceAllGetTheTemplate() throws Exception {
        int launchers = 4;
        CyclicBarrier together = new CyclicBarrier(launchers);
        ExecutorService pool = Executors.newFixedThreadPool(launchers);
        try {
            List<Future<Path>> templates = new ArrayList<>();
            for (int i = 0; i < launchers; i++) {
                templates.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return KafkaProcess.formattedTemplate();
                }));
            }
            List<Path> made = new ArrayList<>();
            for (Future<Path> template : templates) {
                made.add(template.get(60, TimeUnit.SECONDS)); // a launcher that lost the race must not fail
            }
            assertThat(made).as("one template for all").containsOnly(made.get(0));
            assertThat(made.get(0).resolve("meta.properties")).isRegularFile();
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Path> classPath(String value) {
        return Arrays.stream(value.split(File.pathSeparator)).map(Path::of).toList();
    }
}
