package io.urlcheck.contract;

import java.util.regex.Pattern;

/**
 * The job id rule every way in shares (the producer's HTTP submission and intake topic, the sink's API,
 * the CLI): {@code [A-Za-z0-9._:-]{1,128}}, and the one message that says so.
 */
public final class JobId {

    /** What a job id may look like. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private JobId() {
    }

    /** Whether {@code id} is a job id. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** The longest part of a refused id a message repeats. */
    private static final int SHOWN_CHARS = 160;

    /**
     * Why {@code id}, given as {@code name} (e.g. {@code jobId}, {@code --job}), is refused:
     * {@code jobId must match [A-Za-z0-9._:-]{1,128}; got 'no spaces!'}.
     */
    public static String refusal(String name, String id) {
        String shown = id == null ? "nothing" : "'" + (id.length() <= SHOWN_CHARS ? id
                : id.substring(0, SHOWN_CHARS) + "...[" + id.length() + " chars]") + "'";
        return name + " must match " + VALID.pattern() + "; got " + shown;
    }
}
