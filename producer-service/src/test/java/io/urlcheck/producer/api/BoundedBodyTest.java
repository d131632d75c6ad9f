package io.urlcheck.producer.api;

import io.urlcheck.producer.SubmissionException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedBodyTest {

    @Test
    void aStreamedBodyIsCutOnceItPassesTheLimit() {
        InputStream body = new BoundedBody(new ByteArrayInputStream(new byte[100_000]), 65_536);
        assertThatThrownBy(() -> body.readAllBytes())
                .isInstanceOfSatisfying(SubmissionException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SubmissionException.Kind.TOO_LARGE);
                    assertThat(e.getMessage()).contains("65536-byte limit");
                });
    }

    @Test
    void aBodyAtTheLimitIsReadWhole() throws IOException {
        InputStream body = new BoundedBody(new ByteArrayInputStream(new byte[65_536]), 65_536);
        assertThat(body.readAllBytes()).hasSize(65_536);
    }
}
