package com.orderrouter.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.orderrouter.localstack.CountingProxy;
import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.SnsStandIn.PublishedAlert;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar as a process: a poison message that arrives in a trace (a W3C {@code traceparent} message attribute, or the
 * {@code AWSTraceHeader} system attribute SQS sets from X-Ray) yields a DLQ copy and an SNS alert in the same trace,
 * sampled or not, with an OTLP exporter (spans recorded) and without one (sampler {@code parentbased_always_off}).
 * The DLQ copy's {@code traceparent} is read from the SendMessage the service sends through a proxy in front of SQS
 * (the archive keeps only the original attributes), the alert's from what SNS received.
 */
class TraceContinuityIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackProbe probe = new StackProbe(STACK);

    @ParameterizedTest(name = "OTLP exporter configured: {0}")
    @ValueSource(booleans = { false, true })
    void deadLetterCopyAndAlertStayInTheIncomingTrace(boolean exporter) throws Exception {
        WireMockServer collector = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        collector.start();
        collector.stubFor(post("/v1/traces").willReturn(aResponse().withStatus(200)));
        // DLQ copies as sent: body -> their traceparent
        Map<String, String> dlqCopies = new ConcurrentHashMap<>();
        CountingProxy sqs = new CountingProxy(STACK.serviceEnvironment().get("AWS_ENDPOINT_URL_SQS"));
        sqs.onSuccess((operation, request) -> {
            JsonNode send = readJson(request);
            if (operation.equals("SendMessage")
                    && STACK.resources().deadLetterQueueUrl().equals(send.path("QueueUrl").asText())) {
                dlqCopies.put(send.path("MessageBody").asText(),
                        send.path("MessageAttributes").path("traceparent").path("StringValue").asText(""));
            }
        });
        // short polls: the service stops without waiting out a 20 s long poll
        Map<String, String> env = new LinkedHashMap<>(Map.of("ORDERS_POLL_WAIT_SECONDS", "1",
                "AWS_ENDPOINT_URL_SQS", sqs.endpoint(), "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort())));
        if (exporter) {
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.baseUrl());
        }
        // trace id -> id of the message sent in that trace (its body names the trace); sampled and unsampled callers,
        // both carriers
        Map<String, String> sent = new LinkedHashMap<>();
        Map<String, String> flagsOf = new LinkedHashMap<>();
        try (ServiceProcess service = ServiceProcess.start(STACK, env,
                Path.of("target/service-trace-continuity-" + exporter + ".log"))) {
            for (String flags : new String[] { "01", "00" }) {
                String traceId = newTraceId();
                flagsOf.put(traceId, flags);
                sent.put(traceId, send(traceId, b -> b.messageAttributes(Map.of("traceparent", MessageAttributeValue.builder()
                        .dataType("String").stringValue("00-" + traceId + "-b7ad6b7169203331-" + flags).build()))));
            }
            for (String sampled : new String[] { "1", "0" }) {
                String traceId = newTraceId();
                flagsOf.put(traceId, "0" + sampled);
                String xray = "Root=1-" + traceId.substring(0, 8) + "-" + traceId.substring(8)
                        + ";Parent=53995c3f42cd8ad8;Sampled=" + sampled;
                sent.put(traceId, send(traceId, b -> b.messageSystemAttributesWithStrings(Map.of("AWSTraceHeader",
                        MessageSystemAttributeValue.builder().dataType("String").stringValue(xray).build()))));
            }

            for (Map.Entry<String, String> message : sent.entrySet()) {
                String traceId = message.getKey();
                JsonNode record = await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                        .until(() -> probe.archivedRecordOf(message.getValue()), Optional::isPresent).get();
                PublishedAlert alert = await().atMost(PATIENCE)
                        .until(() -> alertFor(record.get("s3_key").asText()), Optional::isPresent).get();
                // same trace id and sampling decision; the span id is the service's own span
                String sameTrace = "00-" + traceId + "-[0-9a-f]{16}-" + flagsOf.get(traceId);
                assertThat(dlqCopies.get(poison(traceId)))
                        .as("traceparent of the DLQ copy of message %s", message.getValue()).matches(sameTrace);
                assertThat(alert.attribute("traceparent"))
                        .as("traceparent of the alert for message %s", message.getValue()).matches(sameTrace);
            }
            if (exporter) {
                // the sampled callers' traces are recorded and exported (OTLP protobuf: raw 16-byte trace ids)
                flagsOf.entrySet().stream().filter(e -> e.getValue().equals("01")).map(Map.Entry::getKey)
                        .forEach(traceId -> await().atMost(PATIENCE).until(() -> exported(collector, traceId)));
                // an unsampled caller's trace is passed on but not recorded (the default parent-based sampler)
                flagsOf.entrySet().stream().filter(e -> e.getValue().equals("00")).map(Map.Entry::getKey)
                        .forEach(traceId -> assertThat(exported(collector, traceId)).as("trace %s exported", traceId)
                                .isFalse());
            }
            assertThat(collector.findAll(postRequestedFor(urlEqualTo("/v1/traces"))).isEmpty())
                    .as("spans exported only when an exporter is configured").isEqualTo(!exporter);
        } finally {
            collector.stop();
            sqs.close();
        }
    }

    /** Poison (an unknown type): it goes to the DLQ at once, then to the archive and an alert. */
    private static String poison(String traceId) {
        return "{\"type\":\"order_shipped\",\"timestamp\":\"2026-11-27T10:00:00Z\",\"data\":{\"order_id\":\""
                + traceId + "\"}}";
    }

    private static String send(String traceId, Consumer<SendMessageRequest.Builder> carrier) {
        return STACK.sqs().sendMessage(b -> {
            b.queueUrl(STACK.resources().ordersQueueUrl()).messageBody(poison(traceId));
            carrier.accept(b);
        }).messageId();
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static Optional<PublishedAlert> alertFor(String s3Key) {
        return STACK.snsStandIn().published().stream().filter(a -> a.message().contains(s3Key)).findFirst();
    }

    private static boolean exported(WireMockServer collector, String traceId) {
        // ISO-8859-1 maps each byte to one char, so a byte search is a string search
        String id = new String(HexFormat.of().parseHex(traceId), StandardCharsets.ISO_8859_1);
        return collector.findAll(postRequestedFor(urlEqualTo("/v1/traces"))).stream()
                .anyMatch(request -> new String(request.getBody(), StandardCharsets.ISO_8859_1).contains(id));
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
