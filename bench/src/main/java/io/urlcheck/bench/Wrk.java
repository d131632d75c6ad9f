package io.urlcheck.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (the C load generator) against the target: the ceiling the target and loopback allow. */
public final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** One wrk run's figures. */
    public record Result(double requestsPerSecond, String socketErrors, String raw) {
    }

    private Wrk() {
    }

    /** True when wrk is on the PATH. */
    public static boolean available() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code wrk -t threads -c connections -d seconds [-H "Connection: close"] url}. */
    public static Result run(String url, int threads, int connections, int seconds, boolean connectionClose) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s"));
        if (connectionClose) {
            command.addAll(List.of("-H", "Connection: close"));
        }
        command.add(url);
        String out = Commands.output(command, "wrk", "apt-get install -y wrk");
        Matcher rate = RATE.matcher(out);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk output: " + out);
        }
        Matcher errors = ERRORS.matcher(out);
        return new Result(Double.parseDouble(rate.group(1)), errors.find() ? errors.group() : "none", out);
    }
}
