package io.urlcheck.sink.api;

/** The body of every 400 and 404: {@code {"error": "..."}}. */
public record ErrorBody(String error) {
}
