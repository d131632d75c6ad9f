package io.urlcheck.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The User-Agent of a job that names none: urlcheck and the version it was built as. */
public final class UserAgent {

    /** The build's version, from {@code build.properties} (filtered by Maven at build time). */
    public static final String VERSION = version();

    /** {@code urlcheck/<version> (+https://github.com/urlcheck/urlcheck)}. */
    public static final String DEFAULT = "urlcheck/" + VERSION + " (+https://github.com/urlcheck/urlcheck)";

    private UserAgent() {
    }

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the worker's classpath");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            if (version == null || version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException("build.properties has no filtered version: " + version);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties", e);
        }
    }
}
