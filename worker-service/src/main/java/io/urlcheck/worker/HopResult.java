package io.urlcheck.worker;

import io.urlcheck.contract.Outcome;
import io.urlcheck.contract.TlsInfo;

import java.util.Map;

/** What one HTTP exchange (one hop of a redirect chain) produced: a response, or a failure. */
public sealed interface HopResult {

    /**
     * A response. {@code headers} holds the first value of each header, names in lower case.
     * {@code body} is retained only for HTML; {@code bodyBytes} counts what was read, at most the cap,
     * and {@code truncated} says reading stopped at the cap.
     */
    record Response(int status, Map<String, String> headers, byte[] body, int bodyBytes, boolean truncated,
                    String bodyError, long timeToFirstByteNanos, TlsInfo tls, Phases phases) implements HopResult {

        /** A header's value by lower-case name, or null. */
        public String header(String name) {
            return headers.get(name);
        }

        /** A {@code Content-Length} value as a length, or -1 when it is absent, negative or not a number. */
        public static long declaredLength(String contentLength) {
            if (contentLength == null) {
                return -1;
            }
            try {
                return Math.max(-1, Long.parseLong(contentLength.trim()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * Where one exchange's time went, in nanoseconds: opening the connection (0 when a pooled one was reused), its
     * TLS handshake (-1 for plain http; 0 on a reused connection), waiting for the headers after the request was
     * sent, and reading the body.
     */
    record Phases(long connectNanos, long tlsNanos, long firstByteNanos, long transferNanos) {
    }

    /**
     * No usable response: {@code outcome} names the failure and {@code reason} explains it. {@code recurrence} says
     * whether asking again may help when the failure itself knows better than its outcome ({@link Recurrence}).
     * {@code connecting} says it came before a connection was open (refused, unreachable, a connect timed out): no
     * byte of the request reached the server, so another address of the host may still answer.
     */
    record Failure(Outcome outcome, String reason, Recurrence recurrence, boolean connecting) implements HopResult {

        /** A failure as its outcome says: retried when the outcome is transient. */
        public Failure(Outcome outcome, String reason) {
            this(outcome, reason, Recurrence.BY_OUTCOME, false);
        }

        /** A failure of the data, not of the network, which asking again would only repeat: never retried. */
        public static Failure permanent(Outcome outcome, String reason) {
            return new Failure(outcome, reason, Recurrence.PERMANENT, false);
        }

        /** An outage, which may be over by the next attempt: retried whatever its outcome. */
        public static Failure outage(Outcome outcome, String reason) {
            return new Failure(outcome, reason, Recurrence.OUTAGE, false);
        }

        /** This failure, as one that came while connecting. */
        public Failure whileConnecting() {
            return new Failure(outcome, reason, recurrence, true);
        }

        /** This failure with {@code more} added to its reason. */
        public Failure noting(String more) {
            return new Failure(outcome, reason + more, recurrence, connecting);
        }

        /** True when asking again would only repeat it. */
        public boolean permanent() {
            return recurrence == Recurrence.PERMANENT;
        }
    }

    /**
     * Whether a failure recurs. Most are as their outcome says ({@code RetryPolicy#isTransient}); some outcomes hold
     * both kinds: a response the client refuses to read (headers over its limit, not HTTP at all) is a
     * {@code CONNECTION_ERROR} that the server sends the same again, and a name server that fails (SERVFAIL) is a
     * {@code DNS_FAILURE} that is an outage, where a name that does not exist (NXDOMAIN) is a fact.
     */
    enum Recurrence {
        /** As the outcome says. */
        BY_OUTCOME,
        /** Never retried. */
        PERMANENT,
        /** Always retried (within the job's retries). */
        OUTAGE
    }
}
