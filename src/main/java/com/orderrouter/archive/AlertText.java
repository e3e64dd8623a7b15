package com.orderrouter.archive;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The alert's text, a template beside the routes ({@code orders.alerts.text}) whose {@code {placeholders}} are the
 * archive record's field names as they appear in the archived JSON ({@code source_message_id}, {@code reason},
 * {@code s3_key}, ...) and {@code archive_bucket}. Compiled once when the service starts; a name that is not a field
 * stops start-up naming it and the ones there are. The body and the attributes are not offered: an alert goes to
 * people's mail, and the archive is where the message is kept.
 */
public final class AlertText {

    public static final String PROPERTY = "orders.alerts.text";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final List<String> NOT_IN_ALERTS = List.of("body", "message_attributes", "system_attributes");

    /** Literal text ({@code String}) and field readers, in order. */
    private final List<Object> parts = new ArrayList<>();

    /**
     * @param template e.g. {@code Failed message {source_message_id} from {source_queue}: {reason}}
     * @param bucket   the archive bucket, for {@code {archive_bucket}}
     * @throws IllegalArgumentException naming the property and each unknown name
     */
    public AlertText(String template, String bucket) {
        Map<String, Function<DeadLetterRecord, Object>> fields = fields(bucket);
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        int at = 0;
        while (matcher.find()) {
            parts.add(template.substring(at, matcher.start()));
            Function<DeadLetterRecord, Object> field = fields.get(matcher.group(1).trim());
            if (field == null) {
                unknown.add(matcher.group(1));
            }
            parts.add(field);
            at = matcher.end();
        }
        parts.add(template.substring(at));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names " + String.join(", ", unknown)
                    + ", not a field of the archive record; the fields are " + String.join(", ", fields.keySet()));
        }
    }

    @SuppressWarnings("unchecked")
    String of(DeadLetterRecord record) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                text.append(literal);
            } else {
                text.append(((Function<DeadLetterRecord, Object>) part).apply(record));
            }
        }
        return text.toString();
    }

    /** The record's components under their archive (JSON) names, less what an alert does not carry. */
    private static Map<String, Function<DeadLetterRecord, Object>> fields(String bucket) {
        Map<String, Function<DeadLetterRecord, Object>> fields = new TreeMap<>();
        var snakeCase = new PropertyNamingStrategies.SnakeCaseStrategy();
        for (RecordComponent component : DeadLetterRecord.class.getRecordComponents()) {
            String name = snakeCase.translate(component.getName());
            if (!NOT_IN_ALERTS.contains(name)) {
                fields.put(name, record -> read(component, record));
            }
        }
        fields.put("archive_bucket", record -> bucket);
        return fields;
    }

    private static Object read(RecordComponent component, DeadLetterRecord record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
