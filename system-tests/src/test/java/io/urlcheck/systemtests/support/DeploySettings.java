package io.urlcheck.systemtests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What deploy/base/config/{service}.properties gives a service: the key=value lines its ConfigMap passes to the
 * container as environment variables named like the properties. A test adds only what a test machine must
 * differ in (broker address, port, token, a writable store, loopback targets allowed, a short session timeout).
 */
public final class DeploySettings {

    private DeploySettings() {
    }

    /** The settings of {@code service} ({@code producer}, {@code worker} or {@code sink}), in file order. */
    public static Map<String, String> of(String service) {
        Path file = Home.path().resolve("deploy/base/config/" + service + ".properties");
        Map<String, String> settings = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.strip();
                int eq = t.indexOf('=');
                if (!t.isEmpty() && !t.startsWith("#") && eq > 0) {
                    settings.put(t.substring(0, eq).strip(), t.substring(eq + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
        return settings;
    }
}
