package com.orderrouter.failure;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Quotes input inside a failure reason or log line without letting it grow with the input: at most
 * {@value #MAX_QUOTED} characters of an offending value, and its full length when it was cut, e.g.
 * {@code "xxxx…" (5,000 chars)}. The whole message is in the archive; reasons, DLQ attributes, alerts and log lines
 * carry only this. Characters SQS refuses (lone UTF-16 surrogates, valid in JSON escapes but with no UTF-8 form,
 * U+FFFE, U+FFFF, most controls) are written as {@code \\uD800} text: a reason quoting hostile input can always be
 * sent.
 */
public final class Quoted {

    /** Characters of an offending value a reason quotes. */
    public static final int MAX_QUOTED = 100;
    /** Longest reason or third-party message (Jackson, DynamoDB, SDK) kept; the rest is cut the same way. */
    public static final int MAX_REASON = 400;

    private Quoted() {
    }

    /** {@code "value"}, or {@code "first 100 chars…" (N chars)} for a longer one; {@code null} for null. */
    public static String value(String value) {
        if (value == null) {
            return "null";
        }
        value = encodable(value);
        return value.length() <= MAX_QUOTED ? '"' + value + '"'
                : '"' + cut(value, MAX_QUOTED) + "…\" (" + chars(value.length()) + ")";
    }

    /** A JSON value as it appeared: a string quoted as {@link #value(String)}, anything else as JSON text, cut alike. */
    public static String json(JsonNode node) {
        if (node == null) {
            return "null";
        }
        if (node.isTextual()) {
            return value(node.textValue());
        }
        return clip(encodable(node.toString()), MAX_QUOTED);
    }

    /** A whole message (a reason, an exception's message) cut to {@value #MAX_REASON} characters, saying so. */
    public static String message(String text) {
        return text == null ? null : clip(encodable(text), MAX_REASON);
    }

    /** An id taken from the input (order id, correlation id) for a log line: at most {@value #MAX_QUOTED} chars. */
    public static String id(String id) {
        return id == null ? null : clip(encodable(id), MAX_QUOTED);
    }

    /** Index of the first UTF-16 surrogate without its pair, or -1: text with one has no UTF-8 form. */
    public static int loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text with each character SQS refuses in a message or attribute written as {@code \\uXXXX}: a lone surrogate,
     * U+FFFE, U+FFFF and the controls other than tab, line feed and carriage return (SQS accepts #x9, #xA, #xD,
     * #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF). The same instance when there is none.
     */
    static String encodable(String text) {
        int bad = firstRefused(text);
        if (bad < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8).append(text, 0, bad);
        for (int i = bad; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (refused(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstRefused(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (refused(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Outside SQS's character set (a surrogate here is a lone one: pairs are passed over by the callers). */
    private static boolean refused(char c) {
        return Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF || c < 0x20 && c != '\t' && c != '\n'
                && c != '\r';
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : cut(text, max) + "… (" + chars(text.length()) + ")";
    }

    /** The first {@code max} characters, never splitting a surrogate pair. */
    private static String cut(String text, int max) {
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String chars(int length) {
        return String.format(Locale.ROOT, "%,d chars", length);
    }
}
