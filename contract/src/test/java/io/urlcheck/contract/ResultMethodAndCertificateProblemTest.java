package io.urlcheck.contract;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ResultMethodAndCertificateProblemTest {

    private static final Instant AT = Instant.parse("2026-12-04T23:00:00Z");

    @Test
    void methodAndCertificateProblemRoundTrip() {
        CheckResult result = CheckResult.builder().jobId("j").input("https://x/").url("https://x/").outcome(Outcome.OK)
                .statusCode(200).attempts(1).checkedAt(AT).workerId("w").method("HEAD")
                .tls(new TlsInfo("TLSv1.3", AT, "CN=x", "CN=x", "certificate expired on 2026-01-01T00:00:00Z"))
                .build();

        CheckResult back = JsonCodec.decode(JsonCodec.encode(result), CheckResult.class);

        assertThat(back).isEqualTo(result);
        assertThat(back.method()).isEqualTo("HEAD");
        assertThat(back.tls().problem()).startsWith("certificate expired");
    }

    @Test
    void resultWrittenBeforeMethodAndProblemDecodesWithBothNull() {
        String json = "{\"schemaVersion\":1,\"checkId\":\"c\",\"jobId\":\"j\",\"input\":\"https://x/\",\"url\":\"https://x/\","
                + "\"outcome\":\"OK\",\"statusCode\":200,\"attempts\":1,\"checkedAt\":\"2026-12-04T23:00:00Z\",\"workerId\":\"w\","
                + "\"tls\":{\"protocol\":\"TLSv1.3\",\"notAfter\":\"2027-01-01T00:00:00Z\",\"issuer\":\"CN=x\",\"subject\":\"CN=x\"}}";

        CheckResult result = JsonCodec.decode(json.getBytes(), CheckResult.class);

        assertThat(result.method()).isNull();
        assertThat(result.tls().problem()).isNull();
        assertThat(result.tls().subject()).isEqualTo("CN=x");
    }
}
