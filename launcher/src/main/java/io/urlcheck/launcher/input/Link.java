package io.urlcheck.launcher.input;

/**
 * A link as a document wrote it, before any resolution.
 *
 * @param target the link target as written (entities decoded for HTML), trimmed
 * @param line   the 1-based line of the document the link starts on
 */
public record Link(String target, int line) {
}
