package com.orderrouter.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.failure.Quoted;
import com.orderrouter.ingest.EventRules;
import com.orderrouter.ingest.InvalidOrderEventException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.aws2.ddb.Ddb2Constants;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;

/**
 * A DynamoDB write declared in a route file ({@code beans:}): the key, each stored attribute (an {@link ItemTemplate})
 * and the kind of write. Checked once when the service starts ({@link ItemWrites#checkAll}); {@link #prepare} then
 * sets camel-aws2-ddb's headers for one event, and route {@code item-to-dynamodb} makes the call.
 * <ul>
 * <li>{@code create-if-absent}: PutItem of the key and the attributes, on the condition that no item has the key. A
 * repeated create is a no-op ({@code duplicate}), never an overwrite.</li>
 * <li>{@code update-if-newer}: UpdateItem setting the attributes, on the condition that the stored {@code newerBy}
 * attribute is older than this event's. A failed condition reads the item back: as new or newer is {@code stale} (a
 * no-op); no item yet is retried later, since its create may still be on its way.</li>
 * </ul>
 * camel-aws2-ddb 4.17 sends only the legacy {@code Expected}/{@code AttributeUpdates} forms, so conditions are built in
 * that form.
 */
public class ItemWrite {

    static final String CREATE_IF_ABSENT = "create-if-absent";
    static final String UPDATE_IF_NEWER = "update-if-newer";
    /** Exchange property holding the {@link Prepared} write, for route item-to-dynamodb. */
    public static final String PREPARED = "itemWrite";
    /** Exchange property holding the kind of write, for route item-to-dynamodb's choice (a plain value, no OGNL). */
    static final String KIND = "itemWriteKind";

    private String write;
    private Map<String, Object> key = new LinkedHashMap<>();
    private Map<String, Object> attributes = new LinkedHashMap<>();
    private String newerBy;
    private String describedAs;

    private volatile Compiled compiled;

    /** What one event's write needs after the call: its kind, the item's description, and the stale guard. */
    public record Prepared(String kind, String item, String newerBy, AttributeValue newerValue) {
    }

    private record Compiled(String kind, Map<String, ItemTemplate> key, Map<String, ItemTemplate> attributes,
            String newerBy, ItemTemplate describedAs) {
    }

    /**
     * Compiles the declaration.
     *
     * @return the problems found, each naming the property; empty when the write is sound
     */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        if (!CREATE_IF_ABSENT.equals(write) && !UPDATE_IF_NEWER.equals(write)) {
            problems.add("write: expected " + CREATE_IF_ABSENT + " or " + UPDATE_IF_NEWER + ", got " + write);
        }
        Map<String, ItemTemplate> keyTemplates = templates("key", key, problems);
        Map<String, ItemTemplate> attributeTemplates = templates("attributes", attributes, problems);
        if (key.isEmpty()) {
            problems.add("key: names no attribute (the table's partition key, and its sort key if it has one)");
        }
        attributes.keySet().stream().filter(key::containsKey)
                .forEach(name -> problems.add("attributes." + name + ": is a key attribute, set under key"));
        if (UPDATE_IF_NEWER.equals(write)) {
            if (newerBy == null || !attributes.containsKey(newerBy)) {
                problems.add("newerBy: an update-if-newer names the attribute under attributes whose stored value must "
                        + "be older, e.g. newerBy: updated_at with updated_at: \"{timestamp}\"; got " + newerBy);
            }
        } else if (newerBy != null) {
            problems.add("newerBy: only an update-if-newer has one");
        }
        ItemTemplate description = null;
        if (describedAs != null) {
            try {
                description = ItemTemplate.of(describedAs);
            } catch (IllegalArgumentException e) {
                problems.add("describedAs: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            compiled = new Compiled(write, keyTemplates, attributeTemplates, newerBy, description);
        }
        return problems;
    }

    /**
     * The event fields each template reads, by the property that holds the template ({@code key.pk},
     * {@code attributes.total}, {@code describedAs}), each field as its path ({@code [data, total]}): for
     * validate-routes to hold them against the contract of the event type that uses this write. A template that does
     * not compile is left out ({@link #check} reports it).
     */
    public Map<String, List<List<String>>> fieldsRead() {
        Map<String, List<List<String>>> fields = new LinkedHashMap<>();
        key.forEach((name, value) -> fieldsOf("key." + name, value, fields));
        attributes.forEach((name, value) -> fieldsOf("attributes." + name, value, fields));
        if (describedAs != null) {
            fieldsOf("describedAs", describedAs, fields);
        }
        return fields;
    }

    private static void fieldsOf(String property, Object value, Map<String, List<List<String>>> fields) {
        try {
            fields.put(property, ItemTemplate.of(value).fields());
        } catch (IllegalArgumentException e) {
            // not a template: check() says why
        }
    }

    private static Map<String, ItemTemplate> templates(String property, Map<String, Object> values,
            List<String> problems) {
        Map<String, ItemTemplate> templates = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            try {
                templates.put(name, ItemTemplate.of(value));
            } catch (IllegalArgumentException e) {
                problems.add(property + "." + name + ": " + e.getMessage());
            }
        });
        return templates;
    }

    /**
     * Sets camel-aws2-ddb's headers for the event in the body: {@code CamelAwsDdbItem} and
     * {@code CamelAwsDdbUpdateCondition} for a create; {@code CamelAwsDdbKey}, {@code CamelAwsDdbUpdateValues} and
     * {@code CamelAwsDdbUpdateCondition} for an update; and exchange property {@value #PREPARED}.
     *
     * @throws InvalidOrderEventException when a key attribute's field is missing
     */
    public void prepare(Exchange exchange) {
        Compiled write = compiled;
        if (write == null) {
            throw new IllegalStateException("this DynamoDB write was not checked at start-up: " + check());
        }
        Message message = exchange.getMessage();
        JsonNode event = message.getBody(JsonNode.class);
        String time = storedTime(exchange, event);
        Map<String, AttributeValue> itemKey = new LinkedHashMap<>();
        write.key().forEach((name, template) -> {
            AttributeValue value = template.valueFor(event, time);
            if (value == null) {
                throw new InvalidOrderEventException(template.firstField(), "is required (key attribute " + name + ")");
            }
            itemKey.put(name, value);
        });
        // from the input: bounded, as reasons and log lines need
        String item = Quoted.id(write.describedAs() == null ? itemKey.values().toString()
                : describe(write.describedAs(), event, time));
        if (write.kind().equals(CREATE_IF_ABSENT)) {
            Map<String, AttributeValue> newItem = new LinkedHashMap<>(itemKey);
            putValues(write.attributes(), event, time, newItem::put);
            message.setHeader(Ddb2Constants.ITEM, newItem);
            message.setHeader(Ddb2Constants.UPDATE_CONDITION, Map.of(itemKey.keySet().iterator().next(),
                    ExpectedAttributeValue.builder().exists(false).build()));
            exchange.setProperty(PREPARED, new Prepared(CREATE_IF_ABSENT, item, null, null));
            exchange.setProperty(KIND, CREATE_IF_ABSENT);
            return;
        }
        Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
        putValues(write.attributes(), event, time, (name, value) -> updates.put(name,
                AttributeValueUpdate.builder().action(AttributeAction.PUT).value(value).build()));
        AttributeValueUpdate newer = updates.get(write.newerBy());
        if (newer == null) {
            throw new InvalidOrderEventException(write.attributes().get(write.newerBy()).firstField(),
                    "is required (it orders updates: " + write.newerBy() + ")");
        }
        message.setHeader(Ddb2Constants.KEY, itemKey);
        message.setHeader(Ddb2Constants.UPDATE_VALUES, updates);
        message.setHeader(Ddb2Constants.UPDATE_CONDITION, Map.of(write.newerBy(), ExpectedAttributeValue.builder()
                .comparisonOperator(ComparisonOperator.LT).attributeValueList(newer.value()).build()));
        exchange.setProperty(PREPARED, new Prepared(UPDATE_IF_NEWER, item, write.newerBy(), newer.value()));
        exchange.setProperty(KIND, UPDATE_IF_NEWER);
    }

    /** The event's time as stored, from the instant the contract check parsed, else parsed here. */
    private static String storedTime(Exchange exchange, JsonNode event) {
        Instant time = exchange.getProperty(EventRules.EVENT_TIME, Instant.class);
        if (time == null) {
            JsonNode timestamp = event.get("timestamp");
            time = timestamp == null || !timestamp.isTextual() ? null : EventRules.instant(timestamp.textValue());
        }
        return time == null ? null : EventRules.stored(time);
    }

    private static void putValues(Map<String, ItemTemplate> templates, JsonNode event, String time,
            java.util.function.BiConsumer<String, AttributeValue> out) {
        templates.forEach((name, template) -> {
            AttributeValue value = template.valueFor(event, time);
            if (value != null) {
                out.accept(name, value);
            }
        });
    }

    private static String describe(ItemTemplate template, JsonNode event, String time) {
        AttributeValue value = template.valueFor(event, time);
        return value == null ? template.source() : value.s() != null ? value.s() : value.toString();
    }

    // bound from the route file's beans: properties

    public String getWrite() {
        return write;
    }

    public void setWrite(String write) {
        this.write = write;
    }

    public Map<String, Object> getKey() {
        return key;
    }

    public void setKey(Map<String, Object> key) {
        this.key = key;
    }

    public Map<String, Object> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, Object> attributes) {
        this.attributes = attributes;
    }

    public String getNewerBy() {
        return newerBy;
    }

    public void setNewerBy(String newerBy) {
        this.newerBy = newerBy;
    }

    public String getDescribedAs() {
        return describedAs;
    }

    public void setDescribedAs(String describedAs) {
        this.describedAs = describedAs;
    }
}
