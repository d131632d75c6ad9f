package io.urlcheck.worker.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.urlcheck.contract.Outcome;
import io.urlcheck.worker.HopResult;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMapperTest {

    @Test
    void aTlsHandshakeThatTimesOutIsATimeoutNotATlsError() {
        HopResult.Failure failure = FailureMapper.map(new SslHandshakeTimeoutException("handshake timed out after 10000ms"));

        assertThat(failure.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(failure.reason()).contains("TLS handshake timed out");
        assertThat(failure.permanent()).isFalse();
    }

    @Test
    void aRefusedHandshakeStaysATlsError() {
        assertThat(FailureMapper.map(new SSLHandshakeException("PKIX path building failed")).outcome()).isEqualTo(Outcome.TLS_ERROR);
    }

    @Test
    void headersOverTheLimitArePermanent() {
        HopResult.Failure failure = FailureMapper.map(new TooLongHttpHeaderException("HTTP header is larger than 65536 bytes."));

        assertThat(failure.outcome()).isEqualTo(Outcome.CONNECTION_ERROR);
        assertThat(failure.permanent()).isTrue();
    }
}
