package io.urlcheck.sink.store.json;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.Redirect;
import io.urlcheck.contract.TlsInfo;

/**
 * What the index's entries cost in heap, estimated on the safe side (64-bit JVM, compressed pointers,
 * compact strings). The index adds these up and compares the sum with its budget; the figures were
 * checked against the packaged sink at 64 MB of heap (JsonStoreHeapBoundIT).
 */
final class HeapCost {

    /** Per stored check: its fingerprint in {@link CheckIdSet} and its offset in its URL's history. */
    static final long CHECK = CheckIdSet.BYTES_PER_ID + 16;

    /** Per URL: its entries in the latest and history maps, the history array, its share of the global summary. */
    static final long URL = 400;

    /** Per URL of a job: its entry in the job's latest map and its share of the job's summary. */
    static final long JOB_URL = 350;

    /** Per job: its totals, counters and maps. */
    static final long JOB = 2_048;

    /** Per contributor of a job: its latest totals and their map entry. */
    static final long JOB_CONTRIBUTOR = 400;

    private HeapCost() {
    }

    /** The heap a decoded result holds: the record, its strings, boxes, redirects and TLS details. */
    static long of(CheckResult r) {
        long bytes = 104 + 24; // the record (header, 20 fields) and its Instant
        bytes += string(r.checkId()) + string(r.requestId()) + string(r.jobId()) + string(r.input()) + string(r.url())
                + string(r.title()) + string(r.finalUrl()) + string(r.contentType()) + string(r.error()) + string(r.workerId());
        bytes += box(r.statusCode()) + box(r.responseTimeMs()) + box(r.timeToFirstByteMs()) + box(r.contentLength());
        if (!r.redirects().isEmpty()) {
            bytes += 32 + 8L * r.redirects().size();
            for (Redirect hop : r.redirects()) {
                bytes += 24 + string(hop.url());
            }
        }
        TlsInfo tls = r.tls();
        if (tls != null) {
            bytes += 32 + 24 + string(tls.protocol()) + string(tls.issuer()) + string(tls.subject());
        }
        return bytes;
    }

    private static long string(String s) {
        if (s == null) {
            return 0;
        }
        int perChar = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                perChar = 2;
                break;
            }
        }
        return 24 + align(16 + (long) s.length() * perChar);
    }

    private static long box(Object o) {
        return o == null ? 0 : 16;
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
