package com.orderrouter.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * Event timestamps in and out, once per message each way, so kept off java.time's general formatter for the common
 * shapes (the benchmark's profile had parsing and formatting as the costliest part of a write):
 * {@code 2026-11-27T10:15:30[.fraction][Z|+01:00]} is read field by field; anything else ISO-8601 allows goes through
 * {@link DateTimeFormatter#ISO_DATE_TIME}, with the same result.
 */
final class Timestamps {

    private Timestamps() {
    }

    /**
     * @throws DateTimeException when the text is not an ISO-8601 date-time
     */
    static Instant parse(String value) {
        Instant common = common(value);
        if (common != null) {
            return common;
        }
        // one parse; an offset or zone gives an instant (parseBest would build a ZonedDateTime first and fail over to local)
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value);
        return parsed.isSupported(ChronoField.INSTANT_SECONDS) ? Instant.from(parsed)
                : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.f{1,9}][Z|±HH:mm]}, or null for any other shape (or an impossible date). */
    private static Instant common(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (at < n && s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && isDigit(s.charAt(at))) {
                nanos = nanos * 10 + (s.charAt(at++) - '0');
            }
            if (at == start) {
                return null;
            }
            for (int i = at - start; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (at == n) {
            offsetSeconds = 0; // no offset: UTC, as the article's producer means it
        } else if (at == n - 1 && s.charAt(at) == 'Z') {
            offsetSeconds = 0;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int hours = digits(s, at + 1, 2);
            int minutes = digits(s, at + 4, 2);
            if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
                return null;
            }
            offsetSeconds = (s.charAt(at) == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException e) {
            return null; // let the formatter say what is wrong
        }
    }

    /** The stored form, {@code uuuu-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, microseconds), for years 1 to 9999. */
    static String stored(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(27);
        pad(out, t.getYear(), 4).append('-');
        pad(out, t.getMonthValue(), 2).append('-');
        pad(out, t.getDayOfMonth(), 2).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        return pad(out, t.getNano() / 1000, 6).append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    /** The number in {@code count} ASCII digits from {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
