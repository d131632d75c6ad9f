package io.urlcheck.sink;

import io.urlcheck.contract.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultQueryParserTest {

    @Test
    void parsesEveryParameterAndNormalizesCaseOfOutcomeAndHost() {
        String cursor = new Cursor(SortOrder.RESPONSE_TIME_DESC, 42, "http://a.test/x").encode();
        ResultQuery q = ResultQueryParser.parse("http_error", "5xx", "A.Test", "job-1", " title ", "2025-01-01T00:00:00Z",
                "-responseTime", "20", cursor, true);

        assertThat(q.outcome()).isEqualTo(Outcome.HTTP_ERROR);
        assertThat(q.status()).isEqualTo(new StatusFilter(500, 599));
        assertThat(q.host()).isEqualTo("a.test");
        assertThat(q.q()).isEqualTo("title");
        assertThat(q.since()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(q.limit()).isEqualTo(20);
        assertThat(q.cursor()).isEqualTo(new Cursor(SortOrder.RESPONSE_TIME_DESC, 42, "http://a.test/x"));
    }

    @Test
    void jsonPagesByDefaultWhileStreamingFormatsReturnEverything() {
        assertThat(ResultQueryParser.parse(null, null, null, null, null, null, null, null, null, true).limit())
                .isEqualTo(ResultQueryParser.DEFAULT_LIMIT);
        assertThat(ResultQueryParser.parse(null, null, null, null, null, null, null, null, null, false).limit()).isNull();
        assertThat(ResultQueryParser.parse(null, null, null, null, null, null, null, "100000", null, false).limit()).isEqualTo(100000);
        assertThat(ResultQueryParser.parse(null, null, null, null, null, null, "", null, null, true).sort()).isEqualTo(SortOrder.DEFAULT);
    }

    @Test
    void statusFilterTakesACodeOrAClassAndNothingElse() {
        assertThat(StatusFilter.parse("404").matches(404)).isTrue();
        assertThat(StatusFilter.parse("404").matches(405)).isFalse();
        assertThat(StatusFilter.parse("2XX").matches(299)).isTrue();
        assertThat(StatusFilter.parse("2xx").matches(null)).isFalse();
        for (String bad : new String[]{"6xx", "4x", "99", "1000", "abc", "4xx5"}) {
            assertThatThrownBy(() -> StatusFilter.parse(bad)).isInstanceOf(BadQueryException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void aCursorFromAnotherSortOrForgedIsRefused() {
        String checkedAt = new Cursor(SortOrder.CHECKED_AT_ASC, 1, "u").encode();
        assertThatThrownBy(() -> Cursor.decode(checkedAt, SortOrder.RESPONSE_TIME_ASC)).hasMessageContaining("sort=checkedAt");
        assertThatThrownBy(() -> Cursor.decode("not*base64", SortOrder.CHECKED_AT_ASC)).isInstanceOf(BadQueryException.class);
        String noKey = java.util.Base64.getUrlEncoder().encodeToString("checkedAt|x|u".getBytes());
        assertThatThrownBy(() -> Cursor.decode(noKey, SortOrder.CHECKED_AT_ASC)).isInstanceOf(BadQueryException.class);
        assertThat(Cursor.decode(new Cursor(SortOrder.CHECKED_AT_DESC, 7, "a|b").encode(), SortOrder.CHECKED_AT_DESC).url())
                .isEqualTo("a|b");
    }

    @Test
    void jobIdsFollowTheSharedSyntax() {
        assertThat(JobIds.require("a.B_c:1-2")).isEqualTo("a.B_c:1-2");
        assertThatThrownBy(() -> JobIds.require("has space")).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> JobIds.require("x".repeat(129))).isInstanceOf(BadQueryException.class);
    }
}
