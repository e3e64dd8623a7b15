package com.orderrouter.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The quick reading and writing of timestamps gives what java.time's ISO formatter gives. */
class TimestampsTest {

    private static final DateTimeFormatter STORED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void theCommonShapesReadAsTheIsoFormatterReadsThem() {
        Random random = new Random(20261207);
        for (int i = 0; i < 20_000; i++) {
            LocalDateTime at = LocalDateTime.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L),
                    random.nextInt(1_000_000_000), ZoneOffset.UTC);
            String text = at.toString().substring(0, 19) + fraction(random, at.getNano()) + offset(random);
            assertThat(Timestamps.parse(text)).as(text).isEqualTo(byFormatter(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-11-27T10:15:30.5+01:00", "2026-11-27T10:15:30", "2026-11-27T10:15Z",
            "2026-11-27T10:15:30+05:17:33", "2026-11-27T10:15:30Z[UTC]", "2026-11-27T10:15:30.123456789-18:00",
            "+10000-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z" })
    void otherShapesGoThroughTheFormatterWithTheSameResult(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(byFormatter(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-02-30T10:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27 10:00:00Z",
            "2026-11-27T10:00:00+1:00", "2026-11-27T10:00:00+19:00", "２０２６-11-27T10:00:00Z" })
    void whatTheFormatterRefusesIsRefused(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(java.time.DateTimeException.class);
    }

    @Test
    void theStoredFormIsTheFormattersForEveryYearFromOneTo9999() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextInt(1_000_000_000));
            assertThat(Timestamps.stored(at)).isEqualTo(STORED.format(at));
        }
    }

    private static String fraction(Random random, int nanos) {
        int digits = random.nextInt(10);
        return digits == 0 ? "" : "." + String.format("%09d", nanos).substring(0, digits);
    }

    private static String offset(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> "";
            case 1 -> "Z";
            default -> String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(18),
                    random.nextInt(60));
        };
    }

    private static Instant byFormatter(String text) {
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text);
        return parsed.isSupported(ChronoField.INSTANT_SECONDS) ? Instant.from(parsed)
                : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }
}
