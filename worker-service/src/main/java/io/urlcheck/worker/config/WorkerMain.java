package io.urlcheck.worker.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The worker's entry point: Quarkus, after the one JVM-wide setting that must come before Netty's HTTP codec is
 * first loaded.
 *
 * <p>Netty refuses a response whose start line or header lines end with a bare line feed (no carriage return), so
 * a page that browsers, curl and lychee show was reported {@code CONNECTION_ERROR: not an HTTP response}. Old
 * embedded servers and hand-written CGI answer that way. The strict rule guards a server behind a proxy against
 * request smuggling; a checker reading answers gains nothing from it, and the worker's own server (health and
 * metrics, no proxy in front) loses little. Netty reads the setting once, when its decoder class loads, so it is
 * set here, before Quarkus starts; a value given on the command line wins.
 */
@QuarkusMain
public final class WorkerMain {

    /** Netty's switch: true (its default) refuses lines that end with a bare line feed. */
    static final String STRICT_LINES = "io.netty.handler.codec.http.defaultStrictLineParsing";

    private WorkerMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(STRICT_LINES) == null) {
            System.setProperty(STRICT_LINES, "false");
        }
        Quarkus.run(args);
    }
}
