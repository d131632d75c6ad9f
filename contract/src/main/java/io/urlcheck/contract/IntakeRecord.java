package io.urlcheck.contract;

/**
 * One decoded record from {@link Topics#INTAKE}: the URL text as a user wrote it and, if they gave
 * one, the job it belongs to.
 *
 * @param input   the URL text, not yet validated
 * @param jobId   the job named in a JSON record, or null for plain text or a JSON record without one
 * @param options the record's {@code options} (for its URL only), {@link JobOptions#DEFAULTS} when it has none
 */
public record IntakeRecord(String input, String jobId, JobOptions options) {

    /** No options means the defaults. */
    public IntakeRecord {
        options = options == null ? JobOptions.DEFAULTS : options;
    }

    /** A record with the default options: plain text, or JSON without {@code options}. */
    public IntakeRecord(String input, String jobId) {
        this(input, jobId, JobOptions.DEFAULTS);
    }
}
