package com.orderrouter.localstack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A named stand-in for SNS (there is no open-source SNS server on our registries): WireMock on a free loopback port
 * answering the SNS Query API as the AWS SDK v2 {@link SnsClient} speaks it (form-encoded POST with
 * {@code Action=...}, XML responses). Supported: {@code CreateTopic}, {@code GetTopicAttributes},
 * {@code SetTopicAttributes}, {@code ListTopics} and {@code Publish}; anything else gets an SNS-style
 * {@code InvalidAction} error (400). Publishing to a topic that was not created gets {@code NotFound} (404), as in
 * SNS, so a missing provisioning step shows up in tests.
 *
 * <p>Every successful {@code Publish} is recorded, in order, with its decoded message attributes: see
 * {@link #published()}. Nothing is delivered anywhere (no subscriptions).
 *
 * <p>{@link #stop()} and {@link #restart()} simulate an SNS outage on the same port; topics and the recorded
 * publishes survive it.
 */
public final class SnsStandIn implements AutoCloseable {

    /** The alerts topic (Terraform: {@code "${var.name_prefix}orders-alerts"}). */
    public static final String ALERTS_TOPIC_NAME = "orders-alerts";

    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";
    private static final String TRANSFORMER = "sns-query-api";
    private static final List<String> ACTIONS = List.of(
            "CreateTopic", "GetTopicAttributes", "SetTopicAttributes", "ListTopics", "Publish");
    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern ATTRIBUTE_FIELD = Pattern
            .compile("MessageAttributes\\.entry\\.(\\d+)\\.(Name|Value\\.DataType|Value\\.StringValue|Value\\.BinaryValue)");

    /** One message attribute of a publish: its data type and its string value (binary values in base64). */
    public record MessageAttribute(String dataType, String value) {
    }

    /** One recorded {@code Publish}, as SNS received it. */
    public record PublishedAlert(String messageId, String topicArn, String subject, String message,
            Map<String, MessageAttribute> messageAttributes) {

        /** The value of a message attribute, or null. */
        public String attribute(String name) {
            MessageAttribute attribute = messageAttributes.get(name);
            return attribute == null ? null : attribute.value();
        }
    }

    private final String region;
    private final String accountId;
    /** topic ARN to its attributes, in creation order; guarded by itself */
    private final Map<String, Map<String, String>> topics = new LinkedHashMap<>();
    private final List<PublishedAlert> published = new CopyOnWriteArrayList<>();
    private final QueryApi queryApi = new QueryApi();
    private int port;
    private WireMockServer server;

    private SnsStandIn(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** Starts the stand-in on a free port of 127.0.0.1; ARNs name the stack's region and account. */
    public static SnsStandIn start() {
        SnsStandIn standIn = new SnsStandIn(LocalAwsStack.REGION.id(), Resources.ACCOUNT_ID);
        standIn.startOn(0);
        return standIn;
    }

    /** The http URL for {@code endpointOverride} and {@code AWS_ENDPOINT_URL_SNS}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The ARN SNS gives a topic of this name here. */
    public String topicArn(String topicName) {
        return "arn:aws:sns:" + region + ":" + accountId + ":" + topicName;
    }

    /** An SNS client for this stand-in with the given keys (any keys are accepted) and the stack's region. */
    public SnsClient newClient(AwsCredentialsProvider credentials) {
        return SnsClient.builder()
                .region(LocalAwsStack.REGION)
                .credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint()))
                .build();
    }

    /** Creates a topic over the wire (as Terraform would) and returns its ARN. */
    public static String createTopic(SnsClient sns, String topicName) {
        return sns.createTopic(b -> b.name(topicName)).topicArn();
    }

    /** Every successful Publish since the start (or the last {@link #clearPublished()}), in order. */
    public List<PublishedAlert> published() {
        return List.copyOf(published);
    }

    public void clearPublished() {
        published.clear();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Simulates an outage: the port refuses connections until {@link #restart()}. Topics are kept. */
    public synchronized void stop() {
        if (server != null) {
            try {
                server.stop();
            } finally {
                server = null;
            }
        }
    }

    /** Starts again on the same port, so clients configured with {@link #endpoint()} reconnect. */
    public synchronized void restart() {
        stop();
        startOn(port);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startOn(int requestedPort) {
        WireMockServer started = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .port(requestedPort)
                .containerThreads(16)
                .jettyStopTimeout(1_000L)
                .disableRequestJournal()
                .extensions(queryApi));
        started.start();
        for (String action : ACTIONS) {
            started.stubFor(post(urlPathEqualTo("/")).atPriority(1)
                    .withFormParam("Action", equalTo(action))
                    .willReturn(aResponse().withTransformers(TRANSFORMER)));
        }
        // everything else: an SNS error (the transformer sees no supported action)
        started.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(TRANSFORMER)));
        server = started;
        port = started.port();
    }

    /** The SNS Query API: dispatches on the form field {@code Action} and answers in SNS's XML. */
    private final class QueryApi implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return TRANSFORMER;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            Map<String, String> form = parseForm(serveEvent.getRequest().getBody());
            String action = form.getOrDefault("Action", "");
            try {
                return switch (ACTIONS.contains(action) && "POST".equals(serveEvent.getRequest().getMethod().value())
                        ? action : "") {
                    case "CreateTopic" -> createTopic(form);
                    case "GetTopicAttributes" -> getTopicAttributes(form);
                    case "SetTopicAttributes" -> setTopicAttributes(form);
                    case "ListTopics" -> listTopics();
                    case "Publish" -> publish(form);
                    default -> error(400, "InvalidAction", "The action " + (action.isEmpty() ? "(none)" : action)
                            + " is not valid for this web service.");
                };
            } catch (SnsError e) {
                return error(e.status, e.code, e.getMessage());
            }
        }

        private ResponseDefinition createTopic(Map<String, String> form) {
            String name = required(form, "Name");
            if (!TOPIC_NAME.matcher(name).matches()) {
                throw new SnsError(400, "InvalidParameter", "Invalid parameter: Topic Name");
            }
            String arn = topicArn(name);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 1; form.containsKey("Attributes.entry." + i + ".key"); i++) {
                attributes.put(form.get("Attributes.entry." + i + ".key"), form.get("Attributes.entry." + i + ".value"));
            }
            synchronized (topics) {
                topics.computeIfAbsent(arn, key -> new LinkedHashMap<>()).putAll(attributes);
            }
            return ok("CreateTopic", "<TopicArn>" + xml(arn) + "</TopicArn>");
        }

        private ResponseDefinition getTopicAttributes(Map<String, String> form) {
            String arn = required(form, "TopicArn");
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("TopicArn", arn);
            attributes.put("Owner", accountId);
            attributes.put("DisplayName", "");
            attributes.put("SubscriptionsConfirmed", "0");
            attributes.put("SubscriptionsPending", "0");
            attributes.put("SubscriptionsDeleted", "0");
            synchronized (topics) {
                attributes.putAll(existingTopic(arn));
            }
            StringBuilder entries = new StringBuilder("<Attributes>");
            attributes.forEach((key, value) -> entries.append("<entry><key>").append(xml(key)).append("</key><value>")
                    .append(xml(value)).append("</value></entry>"));
            return ok("GetTopicAttributes", entries.append("</Attributes>").toString());
        }

        private ResponseDefinition setTopicAttributes(Map<String, String> form) {
            String arn = required(form, "TopicArn");
            String name = required(form, "AttributeName");
            synchronized (topics) {
                existingTopic(arn).put(name, form.getOrDefault("AttributeValue", ""));
            }
            return ok("SetTopicAttributes", null);
        }

        private ResponseDefinition listTopics() {
            StringBuilder members = new StringBuilder("<Topics>");
            synchronized (topics) {
                topics.keySet().forEach(arn -> members.append("<member><TopicArn>").append(xml(arn))
                        .append("</TopicArn></member>"));
            }
            return ok("ListTopics", members.append("</Topics>").toString());
        }

        private ResponseDefinition publish(Map<String, String> form) {
            String arn = Optional.ofNullable(form.get("TopicArn")).orElseGet(() -> form.get("TargetArn"));
            if (arn == null) {
                throw new SnsError(400, "InvalidParameter", "Invalid parameter: TopicArn or TargetArn Reason: no value"
                        + " for required parameter");
            }
            String message = required(form, "Message");
            String subject = form.get("Subject");
            if (subject != null && (subject.isEmpty() || subject.length() > 100)) {
                throw new SnsError(400, "InvalidParameter", "Invalid parameter: Subject");
            }
            synchronized (topics) {
                existingTopic(arn);
            }
            String messageId = UUID.randomUUID().toString();
            published.add(new PublishedAlert(messageId, arn, subject, message, messageAttributes(form)));
            return ok("Publish", "<MessageId>" + messageId + "</MessageId>");
        }

        private Map<String, MessageAttribute> messageAttributes(Map<String, String> form) {
            Map<Integer, Map<String, String>> entries = new TreeMap<>();
            form.forEach((key, value) -> {
                var matcher = ATTRIBUTE_FIELD.matcher(key);
                if (matcher.matches()) {
                    entries.computeIfAbsent(Integer.valueOf(matcher.group(1)), n -> new LinkedHashMap<>())
                            .put(matcher.group(2), value);
                }
            });
            Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
            for (Map<String, String> entry : entries.values()) {
                String name = entry.get("Name");
                String dataType = entry.get("Value.DataType");
                if (name == null || dataType == null) {
                    throw new SnsError(400, "ParameterValueInvalid", "The message attribute has no name or type");
                }
                String value = entry.containsKey("Value.BinaryValue") ? entry.get("Value.BinaryValue")
                        : entry.get("Value.StringValue");
                attributes.put(name, new MessageAttribute(dataType, value));
            }
            return Map.copyOf(attributes);
        }

        /** The topic's stored attributes; the caller holds the lock on {@code topics}. */
        private Map<String, String> existingTopic(String arn) {
            Map<String, String> attributes = topics.get(arn);
            if (attributes == null) {
                throw new SnsError(404, "NotFound", "Topic does not exist");
            }
            return attributes;
        }

        private String required(Map<String, String> form, String name) {
            String value = form.get(name);
            if (value == null) {
                throw new SnsError(400, "InvalidParameter",
                        "Invalid parameter: " + name + " Reason: no value for required parameter");
            }
            return value;
        }

        private ResponseDefinition ok(String action, String result) {
            String requestId = UUID.randomUUID().toString();
            String body = "<" + action + "Response xmlns=\"" + NAMESPACE + "\">"
                    + (result == null ? "" : "<" + action + "Result>" + result + "</" + action + "Result>")
                    + "<ResponseMetadata><RequestId>" + requestId + "</RequestId></ResponseMetadata>"
                    + "</" + action + "Response>";
            return response(200, requestId, body);
        }

        private ResponseDefinition error(int status, String code, String message) {
            String requestId = UUID.randomUUID().toString();
            String body = "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + xml(code)
                    + "</Code><Message>" + xml(message) + "</Message></Error><RequestId>" + requestId
                    + "</RequestId></ErrorResponse>";
            return response(status, requestId, body);
        }

        private ResponseDefinition response(int status, String requestId, String body) {
            return aResponse().withStatus(status)
                    .withHeader("Content-Type", "text/xml")
                    .withHeader("x-amzn-RequestId", requestId)
                    .withBody(body.getBytes(StandardCharsets.UTF_8))
                    .build();
        }
    }

    private static final class SnsError extends RuntimeException {
        private final int status;
        private final String code;

        SnsError(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    /** Decodes an application/x-www-form-urlencoded body (UTF-8, as the SDK sends it). */
    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.length == 0) {
            return form;
        }
        for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String xml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
