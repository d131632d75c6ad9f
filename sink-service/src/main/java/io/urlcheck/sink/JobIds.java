package io.urlcheck.sink;

import java.util.regex.Pattern;

/** The job id syntax every service shares: {@code [A-Za-z0-9._:-]{1,128}}. */
public final class JobIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private JobIds() {
    }

    /** Returns {@code id} or throws the 400 reason. */
    public static String require(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new BadQueryException("jobId must match [A-Za-z0-9._:-]{1,128}; got '" + id + "'");
        }
        return id;
    }
}
