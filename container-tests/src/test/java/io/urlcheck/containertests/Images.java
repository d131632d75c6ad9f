package io.urlcheck.containertests;

import org.testcontainers.utility.DockerImageName;

/** The images scripts/build-images builds from the project's Dockerfiles, by the tags it gives them. */
final class Images {

    private static final String VERSION = System.getProperty("urlcheck.version", "0.1.0-SNAPSHOT");
    private static final String KAFKA_VERSION = System.getProperty("kafka.version", "4.2.1");

    static final DockerImageName PRODUCER = local("producer-service:" + VERSION);
    static final DockerImageName WORKER = local("worker-service:" + VERSION);
    static final DockerImageName SINK = local("sink-service:" + VERSION);
    static final DockerImageName KAFKA = local("kafka:" + KAFKA_VERSION);
    static final DockerImageName POSTGRES = local("postgres:15");

    private Images() {
    }

    private static DockerImageName local(String nameAndTag) {
        return DockerImageName.parse("localhost/urlcheck/" + nameAndTag);
    }
}
