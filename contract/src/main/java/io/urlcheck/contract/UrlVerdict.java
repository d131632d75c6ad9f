package io.urlcheck.contract;

/** What {@link UrlNormalizer} made of one input: a normalized URL with its host, or a reason to refuse it. */
public sealed interface UrlVerdict {

    /** A URL that can be checked: normalized, with the lower-case host that keys its request. */
    record Valid(String url, String host) implements UrlVerdict {
    }

    /** An input that is not a checkable URL: a fixed code for metrics and a human-readable reason. */
    record Invalid(Rejection code, String reason) implements UrlVerdict {
    }
}
