package io.urlcheck.sink;

/** Names the class of an HTTP status for summaries: {@code 2xx} ... {@code 5xx}, or {@code none} without a response. */
public final class StatusClass {

    /** The class of a result that had no HTTP response. */
    public static final String NONE = "none";

    private StatusClass() {
    }

    public static String of(Integer statusCode) {
        if (statusCode == null || statusCode < 100 || statusCode > 599) {
            return NONE;
        }
        return (statusCode / 100) + "xx";
    }
}
