package io.urlcheck.producer;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/** Job id rules shared by every way in: the allowed shape, generated ids and the standing intake job's name. */
public final class JobIds {

    /** What a client-chosen job id may look like. */
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Prefix of the standing job that intake records without a job id join, one per UTC day. */
    public static final String STANDING_PREFIX = "intake-";

    private JobIds() {
    }

    public static boolean isValid(String jobId) {
        return jobId != null && VALID.matcher(jobId).matches();
    }

    /** A fresh job id for a submission that did not name one. */
    public static String generate() {
        return "job-" + UUID.randomUUID();
    }

    /**
     * The id of one producer process, the stem of the contributor ids of its intake jobs: its host name
     * (a pod's name), cut to 48 characters of {@code [A-Za-z0-9._-]}, and 8 random hex digits, so that two
     * lives of one pod are two contributors. E.g. {@code urlcheck-producer-7d9f-x2k4-3f1c2e9a}.
     */
    public static String process(String hostName, UUID random) {
        String host = hostName == null ? "" : hostName.replaceAll("[^A-Za-z0-9._-]", "");
        host = host.isEmpty() ? "producer" : host.substring(0, Math.min(48, host.length()));
        return host + "-" + random.toString().substring(0, 8);
    }

    /** The standing job of {@code day} (UTC), e.g. {@code intake-2026-11-23}. */
    public static String standing(LocalDate day) {
        return STANDING_PREFIX + day;
    }
}
