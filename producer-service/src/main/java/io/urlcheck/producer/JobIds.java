package io.urlcheck.producer;

import io.urlcheck.contract.JobId;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The ids the producer makes: generated job ids, the standing intake job's name and contributor ids.
 * What a client-chosen job id may look like is the contract's {@link JobId}.
 */
public final class JobIds {

    /** Prefix of the standing job that intake records without a job id join, one per UTC day. */
    public static final String STANDING_PREFIX = "intake-";

    private JobIds() {
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
