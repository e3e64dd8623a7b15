package com.orderrouter.ingest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.failure.Quoted;

/**
 * The rules every event shares, whatever its type, in one place: text is valid Unicode, numbers are ones DynamoDB can
 * store, and the timestamp is a sane ISO-8601 date-time no further ahead of the service's clock than
 * {@code orders.events.max-clock-skew-seconds}. Each break is an {@link InvalidOrderEventException} naming the field.
 * <p>
 * Producers are other teams and some are hostile: a 150-byte {@code 1e999999999} written out in full would take
 * gigabytes, a lone surrogate (an escaped U+D800, valid JSON) cannot be encoded as UTF-8 for DynamoDB, and an event
 * stamped 2099 would make every real update after it stale for ever. Numbers are judged by their digits and exponent,
 * never expanded.
 */
public class EventRules {

    /** DynamoDB's number limits: 38 significant digits, magnitude from 1E-130 to 9.99...E+125. */
    static final int MAX_DIGITS = 38;
    static final int MAX_EXPONENT = 125;
    static final int MIN_EXPONENT = -130;
    /** DynamoDB's deepest nesting of lists and maps inside an attribute. */
    static final int MAX_DEPTH = 32;
    /** The stored form of a timestamp has a four-digit year, so that DynamoDB's string order is time order. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** Exchange property with the event's {@link Instant}, parsed once by the contract check for the write. */
    public static final String EVENT_TIME = "eventTime";

    private final Clock clock;
    private final Duration maxClockSkew;

    /** @param maxClockSkew how far ahead of {@code clock} an event's timestamp may be */
    public EventRules(Clock clock, Duration maxClockSkew) {
        this.clock = clock;
        this.maxClockSkew = maxClockSkew;
    }

    /**
     * ISO-8601 with an offset, or without one (the article's producer sends naive UTC from Python's
     * {@code utcnow().isoformat()}), which is taken as UTC; not before year 1 and not further ahead than the allowance.
     */
    public Instant timestamp(String value) {
        Instant at = instant(value);
        Instant now = clock.instant();
        if (at.isAfter(now.plus(maxClockSkew))) {
            throw new InvalidOrderEventException("timestamp", Quoted.value(value) + " is more than "
                    + maxClockSkew.toSeconds() + " s ahead of the service's clock (" + now + ")");
        }
        if (at.isBefore(EARLIEST)) {
            throw new InvalidOrderEventException("timestamp", Quoted.value(value) + " is before the year 1");
        }
        return at;
    }

    /** The instant an ISO-8601 date-time stands for (UTC when it has no offset), without the range checks. */
    public static Instant instant(String value) {
        try {
            return Timestamps.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidOrderEventException("timestamp", "must be an ISO-8601 date-time, got " + Quoted.value(value));
        }
    }

    /**
     * An instant as the service stores it: fixed-width UTC with microseconds, so that DynamoDB's string order on it is
     * time order (the stale guard of update-if-newer compares such strings).
     */
    public static String stored(Instant instant) {
        return Timestamps.stored(instant);
    }

    /** Checks one top-level text field (type, timestamp, correlation id) for valid Unicode; null passes. */
    public void text(String field, String value) {
        if (value != null && Quoted.loneSurrogate(value) >= 0) {
            unicode(new ArrayDeque<>(List.of(field)), value);
        }
    }

    /**
     * Checks a JSON value and everything inside it: every string and field name valid Unicode, every number storable
     * in DynamoDB.
     *
     * @param name the value's name in reasons, e.g. {@code data}; inner values are named {@code data.items[0].sku}
     */
    public void storable(String name, JsonNode node) {
        if (node == null) {
            return;
        }
        Deque<Object> path = new ArrayDeque<>();
        path.add(name);
        storable(path, node);
    }

    /**
     * {@code path} holds the name, then a field name ({@code String}) or an index ({@code Integer}) per level; it is
     * joined into a name only on failure.
     */
    private static void storable(Deque<Object> path, JsonNode node) {
        if (node.isContainerNode() && path.size() > MAX_DEPTH + 1) {
            // path holds "data" and one step per level below it; a field of data is a top-level attribute
            throw new InvalidOrderEventException(name(path), "is nested more than " + MAX_DEPTH
                    + " levels deep, DynamoDB's limit");
        }
        if (node.isTextual()) {
            unicode(path, node.textValue());
        } else if (node.isNumber()) {
            number(path, node);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.addLast(i);
                storable(path, node.get(i));
                path.removeLast();
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                int bad = Quoted.loneSurrogate(field.getKey());
                if (bad >= 0) {
                    throw new InvalidOrderEventException(name(path), "has a field name that is not valid Unicode ("
                            + Quoted.value(field.getKey()) + ": a lone surrogate at character " + (bad + 1) + ")");
                }
                path.addLast(field.getKey());
                storable(path, field.getValue());
                path.removeLast();
            }
        }
    }

    /** {@code data.items[0].sku}: fields after a dot, indexes in brackets, each field name bounded. */
    private static String name(Deque<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                name.append(name.isEmpty() ? "" : ".").append(Quoted.id((String) step));
            }
        }
        return name.toString();
    }

    private static void unicode(Deque<Object> path, String value) {
        int bad = Quoted.loneSurrogate(value);
        if (bad >= 0) {
            throw new InvalidOrderEventException(name(path), "is not valid Unicode (a lone surrogate "
                    + String.format("\\u%04X", (int) value.charAt(bad)) + " at character " + (bad + 1) + ")");
        }
    }

    /** Judged by the digits and the exponent of the value as parsed: nothing is expanded, whatever the exponent. */
    private static void number(Deque<Object> path, JsonNode node) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            throw new InvalidOrderEventException(name(path), "is not a finite number");
        }
        if (node.canConvertToLong() && node.isIntegralNumber()) {
            return; // at most 19 digits, below 1E+19
        }
        BigDecimal value = node.decimalValue();
        if (value.signum() == 0) {
            return;
        }
        // the power of ten of the first digit: 1E+126 has 126, 9.9E+125 has 125 (trailing zeros do not change it)
        long exponent = (long) value.precision() - value.scale() - 1;
        int digits = value.precision() <= MAX_DIGITS ? value.precision() : value.stripTrailingZeros().precision();
        if (digits > MAX_DIGITS) {
            throw new InvalidOrderEventException(name(path), "has " + digits + " significant digits, more than DynamoDB's "
                    + MAX_DIGITS);
        }
        if (exponent > MAX_EXPONENT) {
            throw new InvalidOrderEventException(name(path), "is " + Quoted.json(node) + ", larger than DynamoDB stores "
                    + "(magnitude below 1E+126)");
        }
        if (exponent < MIN_EXPONENT) {
            throw new InvalidOrderEventException(name(path), "is " + Quoted.json(node) + ", smaller than DynamoDB stores "
                    + "(magnitude at least 1E-130)");
        }
    }

    /** A number as DynamoDB gets it: its exact text, zero as {@code 0} (a zero's scale could be any size). */
    public static String numberText(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.toPlainString();
    }
}
