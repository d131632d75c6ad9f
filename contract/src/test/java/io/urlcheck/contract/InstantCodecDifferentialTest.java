package io.urlcheck.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The codec's hand-written instant (de)serializers against stock Jackson ({@link StockJackson}): the same
 * bytes out, and the same value or the same refusal in, for edge cases and a few thousand seeded-random
 * instants and strings.
 */
class InstantCodecDifferentialTest {

    private static final ObjectMapper CODEC = JsonCodec.mapper();
    private static final ObjectMapper STOCK = StockJackson.MAPPER;
    private static final Instant YEAR_0000 = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant YEAR_10000 = Instant.parse("+10000-01-01T00:00:00Z");

    @Test
    void everyInstantIsWrittenByteForByteAsStockJacksonWritesIt() throws Exception {
        int fastPathHits = 0;
        for (Instant instant : instants()) {
            String stock = STOCK.writeValueAsString(instant);

            assertThat(CODEC.writeValueAsString(instant)).as("%s", instant).isEqualTo(stock);
            char[] text = new char[IsoInstants.MAX_LENGTH];
            int length = IsoInstants.format(instant, text);
            if (length > 0) {
                fastPathHits++;
                assertThat('"' + new String(text, 0, length) + '"').as("%s", instant).isEqualTo(stock);
            } else {
                assertThat(instant.isBefore(YEAR_0000) || !instant.isBefore(YEAR_10000))
                        .as("%s: only years outside 0000 to 9999 leave the fast path", instant).isTrue();
            }
        }
        assertThat(fastPathHits).isGreaterThan(3_000);
    }

    @Test
    void timestampAndTimeZoneSettingsOnAWriterGiveWhatStockJacksonGives() throws Exception {
        Instant instant = Instant.parse("2026-11-23T08:00:00.123456Z");
        TimeZone kolkata = TimeZone.getTimeZone("Asia/Kolkata");

        assertThat(CODEC.writer().with(kolkata).writeValueAsString(instant))
                .isEqualTo(STOCK.writer().with(kolkata).writeValueAsString(instant))
                .isEqualTo("\"2026-11-23T08:00:00.123456Z\"");
        for (SerializationFeature timestamps : List.of(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
                SerializationFeature.WRITE_DATE_TIMESTAMPS_AS_NANOSECONDS)) {
            assertThat(CODEC.writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).with(timestamps)
                    .writeValueAsString(instant))
                    .isEqualTo(STOCK.writer().with(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).with(timestamps)
                            .writeValueAsString(instant));
        }
    }

    @Test
    void whatStockJacksonWritesIsReadBackAsTheSameInstant() throws Exception {
        int fastPathHits = 0;
        for (Instant instant : instants()) {
            String json = STOCK.writeValueAsString(instant);

            assertThat(CODEC.readValue(json, Instant.class)).as(json).isEqualTo(instant);
            assertThat(STOCK.readValue(json, Instant.class)).as(json).isEqualTo(instant);
            String text = json.substring(1, json.length() - 1);
            if (IsoInstants.parse(text.toCharArray(), 0, text.length()) != null) {
                fastPathHits++;
            }
        }
        assertThat(fastPathHits).isGreaterThan(3_000);
    }

    @Test
    void everyStringIsReadOrRefusedAsStockJacksonDoes() throws Exception {
        for (String text : strings()) {
            String json = STOCK.writeValueAsString(text);

            assertThat(read(CODEC, json)).as(json).isEqualTo(read(STOCK, json));
        }
    }

    @Test
    void numbersAndOtherTokensAreReadOrRefusedAsStockJacksonDoes() {
        List<String> tokens = List.of("0", "-1", "1700000000000", "1700000000000.5", "1.5", "-1.000000001", "1e3",
                "9223372036854775807", "92233720368547758070", "null", "true", "[]", "[\"2026-01-01T00:00:00Z\"]",
                "{}", "{\"value\":\"2026-01-01T00:00:00Z\"}");
        for (String json : tokens) {
            assertThat(read(CODEC, json)).as(json).isEqualTo(read(STOCK, json));
        }
    }

    @Test
    void leapSecondMidnightAndLowercaseAreReadAsStockJacksonReadsThem() {
        assertThat(read(CODEC, "\"2016-12-31T23:59:60Z\"")).isEqualTo(Read.value("2016-12-31T23:59:59Z"));
        assertThat(read(CODEC, "\"2016-12-31T23:59:60.5Z\"")).isEqualTo(Read.value("2016-12-31T23:59:59.5Z"));
        assertThat(read(CODEC, "\"2026-12-31T24:00:00Z\"")).isEqualTo(Read.value("2027-01-01T00:00:00Z"));
        assertThat(read(CODEC, "\"2026-01-01t08:00:00z\"")).isEqualTo(Read.value("2026-01-01T08:00:00Z"));
        assertThat(read(CODEC, "\"2026-01-01T00:00:00.Z\"")).isEqualTo(Read.value("2026-01-01T00:00:00Z"));
        assertThat(read(CODEC, "\"2026-02-29T00:00:00Z\"").error()).isNotNull();
    }

    @Test
    void aRefusedInstantStillFailsDecodeWithACodecException() {
        String json = "{\"schemaVersion\":1,\"requestId\":\"r\",\"jobId\":\"j\",\"input\":\"i\",\"url\":\"http://x/\","
                + "\"host\":\"x\",\"submittedAt\":\"2026-02-30T08:00:00Z\"}";

        assertThatThrownBy(() -> JsonCodec.decode(json.getBytes(), CheckRequest.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("CheckRequest");
    }

    /** What reading one JSON value gave: the instant, or the exception's type and message. */
    record Read(Instant value, Class<?> error, String message) {
        static Read value(String iso) {
            return new Read(Instant.parse(iso), null, null);
        }
    }

    private static Read read(ObjectMapper mapper, String json) {
        try {
            return new Read(mapper.readValue(json, Instant.class), null, null);
        } catch (JsonProcessingException | RuntimeException e) {
            return new Read(null, e.getClass(), e.getMessage());
        }
    }

    private static List<Instant> instants() {
        List<Instant> instants = new ArrayList<>(List.of(
                Instant.EPOCH, Instant.parse("1970-01-01T00:00:00Z"), Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 999_999_999), Instant.ofEpochSecond(0, 1), Instant.MIN, Instant.MAX,
                YEAR_0000, YEAR_0000.minusNanos(1), YEAR_10000, YEAR_10000.minusNanos(1),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("2000-02-29T23:59:59.5Z"),
                Instant.parse("1900-02-28T23:59:59Z"), Instant.parse("1900-03-01T00:00:00Z"),
                Instant.parse("2026-11-23T08:00:00.123Z"), Instant.parse("2026-11-23T08:00:00.123456Z")));
        for (int nanos = 1; nanos < 1_000_000_000; nanos *= 10) {
            instants.add(Instant.ofEpochSecond(1_795_000_000L, nanos));
            instants.add(Instant.ofEpochSecond(1_795_000_000L, nanos * 9));
        }
        instants.add(Instant.ofEpochSecond(1_795_000_000L, 999_999_999));
        for (int nanos : new int[] {100_000_000, 120_000_000, 123_000_000, 123_400_000, 123_450_000, 123_456_000,
                123_456_700, 123_456_780, 123_456_789, 10_000, 1_000}) {
            instants.add(Instant.ofEpochSecond(1_795_000_000L, nanos));
        }
        for (int year : new int[] {0, 1, 4, 99, 100, 400, 999, 1000, 1582, 1970, 2000, 2024, 2026, 2100, 9999}) {
            for (int month = 1; month <= 12; month++) {
                LocalDate first = LocalDate.of(year, month, 1);
                instants.add(first.atStartOfDay().toInstant(ZoneOffset.UTC));
                instants.add(first.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1));
            }
        }
        Random random = new Random(20261123);
        long everywhere = Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond();
        long fastRange = YEAR_10000.getEpochSecond() - YEAR_0000.getEpochSecond();
        for (int i = 0; i < 4_000; i++) {
            long seconds = i % 4 == 0
                    ? Instant.MIN.getEpochSecond() + Math.floorMod(random.nextLong(), everywhere + 1)
                    : YEAR_0000.getEpochSecond() + Math.floorMod(random.nextLong(), fastRange);
            instants.add(Instant.ofEpochSecond(seconds, randomNanos(random)));
        }
        return instants;
    }

    /** Nanos at every precision ISO_INSTANT distinguishes: none, millis, micros and nanos. */
    private static int randomNanos(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
    }

    private static Set<String> strings() throws Exception {
        Set<String> strings = new LinkedHashSet<>(List.of(
                "2026-11-23T08:00:00Z", "2026-11-23T08:00:00.1Z", "2026-11-23T08:00:00.120Z",
                "2026-11-23T08:00:00.123456789Z", "2026-11-23T08:00:00.000000000Z", "2026-11-23T08:00:00.1234567891Z",
                "2026-11-23T08:00:00.Z", "2026-11-23T08:00:00,5Z", "2026-11-23T08:00Z", "2026-11-23T08:00:00",
                "2026-11-23 08:00:00Z", "2026-11-23t08:00:00z", "2026-11-23T08:00:00z", "2026-11-23t08:00:00Z",
                "2026-11-23T08:00:00+00:00", "2026-11-23T08:00:00+0000", "2026-11-23T08:00:00+00",
                "2026-11-23T08:00:00+02:00", "2026-11-23T08:00:00-05:30", "2026-11-23T08:00:00.5+01:00",
                "2026-11-23T08:00:00Z[UTC]", "2026-02-28T00:00:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z",
                "2026-02-30T00:00:00Z", "2026-04-31T00:00:00Z", "2026-00-10T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "1900-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
                "2026-12-31T24:00:00Z", "2026-12-31T24:00:01Z", "2026-12-31T23:60:00Z", "2026-12-31T23:59:60Z",
                "2026-06-30T12:00:60Z", "2026-12-31T23:59:61Z", "2026-12-31T25:00:00Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z",
                "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+2026-11-23T08:00:00Z", "0999-01-01T00:00:00Z",
                "999-01-01T00:00:00Z", "2026-1-23T08:00:00Z", "2026-11-23T8:00:00Z", "٢٠٢٦-11-23T08:00:00Z",
                " 2026-11-23T08:00:00Z", "2026-11-23T08:00:00Z ", "\t2026-11-23T08:00:00Z\n", "",
                " ", "garbage", "Z", "T", "2026", "2026-11-23", "2026-11-23T", "2026-11-23T08:00:00ZZ",
                "0", "-1", "1700000000000", "+1700000000000", "1700000000000.5", "1.5", "-1.5", "1.2.3", "1e3",
                "0x10", "NaN", "92233720368547758070", "null"));
        Random random = new Random(42);
        String alphabet = "0123456789-:.TtZz+ ,";
        for (Instant instant : instants()) {
            String text = STOCK.writeValueAsString(instant);
            text = text.substring(1, text.length() - 1);
            strings.add(text);
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            strings.add(new String(mutated));
        }
        return strings;
    }
}
