package io.urlcheck.sink.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.urlcheck.contract.JsonCodec;
import io.urlcheck.launcher.client.JobStatus;
import io.urlcheck.sink.JobProgress;
import io.urlcheck.sink.JsonStoreDirResource;
import io.urlcheck.sink.Summary;
import io.urlcheck.testkit.KafkaBrokerResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's client records ({@code io.urlcheck.launcher.client}) read what the sink's API writes:
 * each body is written with the sink's own mapper (the one its REST layer uses), read the way
 * {@code urlcheck} reads it, and every field the sink writes must come back with the same JSON type and
 * value. A field renamed, dropped or retyped on either side (e.g. {@code etaSeconds} as a whole number
 * here and a fraction there) fails this test.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(JsonStoreDirResource.class)
class LauncherReadsWhatTheSinkWritesTest {

    @Inject
    ObjectMapper sinkMapper;

    @Test
    void jobProgressIsReadWithEveryFieldItsTypeAndValue() throws Exception {
        JobProgress progress = new JobProgress("job-1", 10, 8, 1, 1, 0, 9, 4, 5, 3.25, 42L, true, true, false,
                Instant.parse("2026-11-23T10:00:00.123Z"), Instant.parse("2026-11-23T10:01:00Z"),
                Map.of("OK", 3L, "HTTP_ERROR", 1L));

        assertReadAsWritten(progress, JobStatus.class);
    }

    @Test
    void summaryIsReadWithEveryFieldItsTypeAndValue() throws Exception {
        Summary summary = new Summary(4, Map.of("OK", 3L, "TIMEOUT", 1L), Map.of("2xx", 3L),
                new Summary.Latency(12L, 80L, 2001L),
                List.of(new Summary.Slow("http://slow.test/", 2001L)),
                List.of(new Summary.FailingHost("down.test", 1)));

        assertReadAsWritten(summary, io.urlcheck.launcher.client.Summary.class);
    }

    private void assertReadAsWritten(Object sinkBody, Class<?> launcherType) throws Exception {
        byte[] written = sinkMapper.writeValueAsBytes(sinkBody);
        Object read = JsonCodec.decode(written, launcherType);
        assertSameJson(launcherType.getSimpleName(), sinkMapper.readTree(written), sinkMapper.readTree(JsonCodec.encode(read)));
    }

    private static void assertSameJson(String path, JsonNode written, JsonNode read) {
        assertThat(read).as("%s is read by the launcher", path).isNotNull();
        if (written.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = written.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                assertSameJson(path + "." + field.getKey(), field.getValue(), read.get(field.getKey()));
            }
        } else if (written.isArray()) {
            assertThat(read.size()).as("%s size", path).isEqualTo(written.size());
            for (int i = 0; i < written.size(); i++) {
                assertSameJson(path + "[" + i + "]", written.get(i), read.get(i));
            }
        } else {
            assertThat(read.getNodeType()).as("%s type", path).isEqualTo(written.getNodeType());
            assertThat(read.isIntegralNumber()).as("%s is a whole number on both sides", path).isEqualTo(written.isIntegralNumber());
            assertThat(read).as("%s value", path).isEqualTo(written);
        }
    }
}
