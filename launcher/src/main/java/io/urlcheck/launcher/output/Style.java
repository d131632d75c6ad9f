package io.urlcheck.launcher.output;

import java.util.Map;

/**
 * Whether output goes to a terminal and may be coloured. Colour needs a terminal and no {@code NO_COLOR}
 * (see no-color.org: any non-empty value disables it). The {@code ./urlcheck} script tells the JVM
 * whether stdout and stderr are terminals ({@code -Durlcheck.stdout.tty}, {@code -Durlcheck.stderr.tty});
 * without it, {@link System#console()} decides.
 *
 * @param terminal true when the stream is an interactive terminal
 * @param colour   true when ANSI colour may be written
 */
public record Style(boolean terminal, boolean colour) {

    /** No terminal, no colour: files, pipes, tests. */
    public static final Style PLAIN = new Style(false, false);

    private static final String RESET = "\u001b[0m";

    /** The style of stdout ({@code stream = "stdout"}) or stderr ({@code "stderr"}) in this process. */
    public static Style detect(String stream) {
        return detect(System.getProperty("urlcheck." + stream + ".tty"), System.console() != null, System.getenv());
    }

    /** The decision itself, pure: {@code ttyProperty} wins over {@code hasConsole} when set. */
    static Style detect(String ttyProperty, boolean hasConsole, Map<String, String> env) {
        boolean terminal = ttyProperty != null ? Boolean.parseBoolean(ttyProperty) : hasConsole;
        String noColor = env.get("NO_COLOR");
        boolean colour = terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new Style(terminal, colour);
    }

    /** {@code text} in bold when colour is on. */
    public String bold(String text) {
        return paint("1", text);
    }

    /** {@code text} coloured for an outcome: green for OK, yellow for INVALID_URL, BLOCKED and SKIPPED, red otherwise. */
    public String outcome(String outcome, String text) {
        if (outcome.equals("OK")) {
            return paint("32", text);
        }
        if (outcome.equals("INVALID_URL") || outcome.equals("BLOCKED") || outcome.equals("SKIPPED")) {
            return paint("33", text);
        }
        return paint("31", text);
    }

    /** {@code text} dimmed when colour is on. */
    public String dim(String text) {
        return paint("2", text);
    }

    private String paint(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
