package io.urlcheck.contract;

/**
 * One decoded record from {@link Topics#INTAKE}: the URL text as a user wrote it and, if they gave
 * one, the job it belongs to.
 *
 * @param input the URL text, not yet validated
 * @param jobId the job named in a JSON record, or null for plain text or a JSON record without one
 */
public record IntakeRecord(String input, String jobId) {
}
