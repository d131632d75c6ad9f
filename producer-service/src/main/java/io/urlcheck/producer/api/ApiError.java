package io.urlcheck.producer.api;

/** The body of every error answer: {@code {"error": "..."}}. */
public record ApiError(String error) {
}
