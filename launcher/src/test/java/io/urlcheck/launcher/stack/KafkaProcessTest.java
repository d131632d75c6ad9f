package io.urlcheck.launcher.stack;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker's command, as built in a JVM that runs from classes, like this test's (the broker is not started). */
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

    private static List<Path> classPath(String value) {
        return Arrays.stream(value.split(File.pathSeparator)).map(Path::of).toList();
    }
}
