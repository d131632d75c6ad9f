package io.urlcheck.sink.store.postgres;

import io.urlcheck.contract.CheckResult;
import io.urlcheck.contract.JsonCodec;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/** The one mapping between the wire message and the persistence row. */
final class ResultRowMapper {

    private ResultRowMapper() {
    }

    static ResultRow toRow(CheckResult r) {
        return new ResultRow(r.checkId(), r.url(), r.jobId(), r.host(), r.outcome().name(), r.statusCode(),
                r.responseTimeMs(), r.title(), r.checkedAt().atOffset(ZoneOffset.UTC), JsonCodec.encodeToString(r),
                r.source() == null ? null : r.source().file(), r.source() == null ? null : r.source().line());
    }

    /** The result back from its stored document (the columns are copies of its fields). */
    static CheckResult fromDocument(String document) {
        return JsonCodec.decode(document.getBytes(StandardCharsets.UTF_8), CheckResult.class);
    }
}
