package com.orderrouter.redrive;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.orderrouter.cli.CliRun;
import com.orderrouter.cli.OperationInErrors;
import com.orderrouter.redrive.LocalSqs.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code redrive} over the wire against ElasticMQ, each test on queues of its own. */
class RedriveCommandIT {

    private static LocalSqs local;
    /** In front of {@link #local}: passes every request through unless a test answers one itself. */
    private static WireMockServer proxy;

    /** Bodies the service could not handle, as sent: whitespace, non-ASCII and escapes must survive the move. */
    private static final List<String> INVALID = List.of(
            "{\"type\":\"order_created\",\"data\":{\"order_id\":\"1002\",\"total\":-5}}",
            "  {\"type\": \"order_created\",\n\t\"data\": {\"order_id\": \"Ωμέγα-7\", \"customer_id\": \"c\\u00e9\"}}  ",
            "{\"type\":\"order_created\",\"data\":{\"order_id\":\"1003\",\"items\":\"🙂\"}}");
    private static final List<String> UNKNOWN = List.of(
            "{\"type\":\"order_shipped\",\"data\":{\"order_id\":\"1001\"}}",
            "{\"type\":\"Order_Created\",\"data\":{\"order_id\":\"1004\"}}");
    private static final String NOT_JSON = "order 1 please\r\n";
    private static final String INVALID_REASON = "data.total: must be a non-negative number";
    private static final String UNKNOWN_REASON = "type: unknown event type";
    private static final String NOT_JSON_REASON = "body is not valid JSON";
    private static final String REDRIVEN = "{\"type\":\"order_updated\",\"data\":{\"order_id\":\"1005\",\"status\":\"paid\"}}";

    @BeforeAll
    static void startSqs() {
        local = LocalSqs.start();
        proxy = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(local.endpoint())));
    }

    @AfterAll
    static void stopSqs() {
        proxy.stop();
        local.close();
    }

    @Test
    void dryRunListsEveryMessageWithItsReasonAndMovesNothing() {
        Queues queues = queuesWithDeadLetters();

        Run run = redrive(queues, "--dry-run");

        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).hasSize(8).last().isEqualTo("dry run, nothing moved: would-move=7 left=0");
        assertThat(run.outLines().subList(0, 7)).map(line -> line.split("  ", 3)[1] + " | " + line.split("  ", 3)[2])
                .containsExactlyInAnyOrder(
                        "invalid-event | " + INVALID_REASON, "invalid-event | " + INVALID_REASON,
                        "invalid-event | " + INVALID_REASON, "unknown-type | " + UNKNOWN_REASON,
                        "unknown-type | " + UNKNOWN_REASON, "malformed-json | " + NOT_JSON_REASON,
                        "max-receives-exceeded | exceeded maxReceiveCount");
        assertThat(local.visible(queues.dlqUrl())).as("all still in the DLQ").isEqualTo(7);
        assertThat(local.inFlight(queues.dlqUrl())).as("visible again at once, not after a timeout").isZero();
        assertThat(local.visible(queues.queueUrl())).isZero();
    }

    @Test
    void movingEverythingUsesSqsMoveTaskAndKeepsBodiesAndAttributes() {
        Queues queues = queuesWithDeadLetters();
        
        Run run = redrive(queues);

        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).first().asString().startsWith("SQS move task started: ");
        assertThat(run.outLines()).last().isEqualTo("moved=7 failed=0 left=0");
        assertThat(byBody(local.drain(queues.queueUrl()))).isEqualTo(expectedDeadLetters());
        assertThat(local.visible(queues.dlqUrl()) + local.inFlight(queues.dlqUrl())).isZero();
    }

    @ParameterizedTest
    @EnumSource(NoMoveTasks.class)
    void withoutMoveTasksOnTheServerItMovesMessageByMessageKeepingBodiesAndAttributes(NoMoveTasks answer) {
        Queues queues = queuesWithDeadLetters();
        StubMapping noMoveTasks = proxy.stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.StartMessageMoveTask")).willReturn(answer.response));
        try {
            Run run = redrive(clientOf(proxy.baseUrl()), queues);

            assertThat(run.err()).as("no error, no stack trace").isEmpty();
            assertThat(run.exit()).isZero();
            assertThat(run.outLines()).first().isEqualTo("the server has no SQS move tasks: moving message by message");
            assertThat(run.outLines()).filteredOn(line -> line.startsWith("moved ")).hasSize(7);
            assertThat(run.outLines()).last().isEqualTo("moved=7 failed=0 left=0");
            assertThat(byBody(local.drain(queues.queueUrl()))).isEqualTo(expectedDeadLetters());
            assertThat(local.visible(queues.dlqUrl()) + local.inFlight(queues.dlqUrl())).isZero();
        } finally {
            proxy.removeStub(noMoveTasks);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "403 | AccessDenied  | User: arn:aws:iam::000000000000:user/ops is not authorized to perform: "
                    + "sqs:StartMessageMoveTask | User: arn:aws:iam::000000000000:user/ops is not authorized to perform: "
                    + "sqs:StartMessageMoveTask",
            "500 | InternalError | We encountered an internal error.\\nPlease try again. | We encountered an internal "
                    + "error. Please try again."})
    void aMoveTaskErrorThatIsNotUnsupportedMovesNothingAndFailsWithOneLineNamingTheCall(int status, String code,
            String message, String printed) {
        Queues queues = queuesWithDeadLetters();
        StubMapping refused = proxy.stubFor(post(anyUrl()).atPriority(1)
                .withHeader("X-Amz-Target", equalTo("AmazonSQS.StartMessageMoveTask"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                        .withBody("{\"__type\":\"com.amazonaws.sqs#" + code + "\",\"message\":\"" + message
                                + "\"}")));
        try {
            Run run = redrive(clientOf(proxy.baseUrl()), queues);

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err().lines()).singleElement().asString().startsWith("redrive failed: StartMessageMoveTask: "
                    + code + ": " + printed + " (Service: Sqs, Status Code: " + status + ", ");
            assertThat(run.out()).isEmpty();
            assertThat(local.visible(queues.dlqUrl())).as("nothing moved").isEqualTo(7);
        } finally {
            proxy.removeStub(refused);
        }
    }

    @Test
    void aDlqThatDoesNotExistFailsWithOneLineNamingTheCallAndTheError() {
        Queues queues = local.newQueues(false, 1);
        Queues noDlq = new Queues(queues.queueUrl(), queues.dlqUrl() + "-gone");

        Run run = redrive(clientOf(local.endpoint()), noDlq);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).singleElement().asString().startsWith("redrive failed: GetQueueAttributes: "
                + "QueueDoesNotExist: The specified queue does not exist. (Service: Sqs, Status Code: 400, ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void maxMovesExactlyThatMany() {
        Queues queues = local.newQueues(false, 3);
        local.send(queues.dlqUrl(), IntStream.range(0, 10).mapToObj(i -> "{\"n\":" + i + "}").toList(),
                errorAttributes("invalid-event", "data: is required"), null);

        Run run = redrive(queues, "--max", "3");

        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).last().isEqualTo("moved=3 failed=0 left=0");
        assertThat(local.drain(queues.queueUrl())).hasSize(3);
        assertThat(local.visible(queues.dlqUrl())).isEqualTo(7);
        assertThat(local.inFlight(queues.dlqUrl())).isZero();
    }

    @Test
    void reasonClassMovesOnlyThatClassAndLeavesTheOthersVisible() {
        Queues queues = queuesWithDeadLetters();

        Run run = redrive(queues, "--reason-class", "invalid-event");

        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).filteredOn(line -> line.startsWith("moved ")).hasSize(3)
                .allSatisfy(line -> assertThat(line).matches("moved \\S+  invalid-event  .*"));
        assertThat(run.outLines()).last().isEqualTo("moved=3 failed=0 left=4");
        assertThat(local.drain(queues.queueUrl())).map(Message::body).containsExactlyInAnyOrderElementsOf(INVALID);
        assertThat(local.visible(queues.dlqUrl())).isEqualTo(4);
        assertThat(local.inFlight(queues.dlqUrl())).isZero();
    }

    @Test
    void reasonClassesMayBeRepeatedOrCommaSeparated() {
        Queues queues = queuesWithDeadLetters();

        Run run = redrive(queues, "--reason-class", "unknown-type,max-receives-exceeded", "--reason-class",
                "malformed-json");

        assertThat(run.outLines()).last().isEqualTo("moved=4 failed=0 left=3");
        assertThat(local.drain(queues.queueUrl())).map(Message::body)
                .containsExactlyInAnyOrder(UNKNOWN.get(0), UNKNOWN.get(1), NOT_JSON, REDRIVEN);
    }

    @Test
    void fifoQueuesKeepTheGroupAndTheOrder() {
        Queues queues = local.newQueues(true, 3);
        List<String> bodies = IntStream.range(0, 15).mapToObj(i -> "{\"seq\":" + i + "}").toList();
        local.send(queues.dlqUrl(), bodies, errorAttributes("invalid-event", "x"), "order-1001");

        Run run = redrive(queues, "--max", "100");

        assertThat(run.outLines()).last().isEqualTo("moved=15 failed=0 left=0");
        List<Message> moved = local.drain(queues.queueUrl());
        assertThat(moved).map(Message::body).containsExactlyElementsOf(bodies);
        assertThat(moved).map(m -> m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
                .containsOnly("order-1001");
    }

    @Test
    void missingDlqUrlIsAUsageError() {
        CliRun run = CliRun.run(Map.of("QUEUE_URL", "http://127.0.0.1:1/000000000000/orders-queue",
                "AWS_REGION", "us-east-1"), "redrive", "--dry-run");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("missing environment variable(s): DLQ_URL\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--max 0          | --max needs a positive number, got: 0",
            "--max ten        | Invalid value for option '--max': 'ten' is not an int",
            "--max --dry-run  | Expected parameter for option '--max' but found '--dry-run'",
            "--all            | Unknown option: '--all'"})
    void badArgumentsExit2WithOneLineNamingTheProblemThenTheUsage(String args, String problem) {
        Queues queues = queuesWithDeadLetters();
        String usage = CliRun.run(Map.of(), "redrive", "--help").out();

        Run run = redrive(queues, args.split(" "));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("order-router redrive: " + problem + "\n" + usage);
        assertThat(run.out()).isEmpty();
        assertThat(local.visible(queues.dlqUrl())).as("nothing moved").isEqualTo(7);
    }

    /** Seven dead letters: 3 invalid-event, 2 unknown-type, 1 malformed-json, 1 moved by the redrive policy. */
    private static Queues queuesWithDeadLetters() {
        Queues queues = local.newQueues(false, 1);
        local.send(queues.dlqUrl(), INVALID, errorAttributes("invalid-event", INVALID_REASON), null);
        local.send(queues.dlqUrl(), UNKNOWN, errorAttributes("unknown-type", UNKNOWN_REASON), null);
        local.send(queues.dlqUrl(), List.of(NOT_JSON), errorAttributes("malformed-json", NOT_JSON_REASON), null);
        local.deadLetterByRedrivePolicy(queues, REDRIVEN);
        await().until(() -> local.visible(queues.dlqUrl()) == 7);
        return queues;
    }

    /** What {@link #queuesWithDeadLetters()} sent: body to attributes, as {@link #byBody(List)} reads them. */
    private static Map<String, Map<String, String>> expectedDeadLetters() {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        INVALID.forEach(body -> expected.put(body, readable(errorAttributes("invalid-event", INVALID_REASON))));
        UNKNOWN.forEach(body -> expected.put(body, readable(errorAttributes("unknown-type", UNKNOWN_REASON))));
        expected.put(NOT_JSON, readable(errorAttributes("malformed-json", NOT_JSON_REASON)));
        expected.put(REDRIVEN, Map.of());
        return expected;
    }

    /** The service's dead-letter context and trace context, plus two of the message's own (one binary). */
    private static Map<String, MessageAttributeValue> errorAttributes(String errorClass, String reason) {
        Map<String, MessageAttributeValue> attributes = new TreeMap<>();
        attributes.put("dead-letter", text("{\"reason\":\"" + reason + "\",\"reason_class\":\"" + errorClass
                + "\",\"source_queue\":\"http://sqs/000000000000/orders-queue\",\"source_message_id\":"
                + "\"3f1c2d4e-0000-4000-8000-000000000001\",\"receive_count\":1,\"failed_at\":"
                + "\"2026-11-27T13:39:54.754679Z\",\"route_id\":\"orders-sqs-to-dynamodb\"}"));
        attributes.put("traceparent", text("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        attributes.put("tenant", MessageAttributeValue.builder().dataType("String.tenant").stringValue("acme").build());
        attributes.put("signature", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff})).build());
        return attributes;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** Body to its attributes as type and value (binary in Base64), for exact comparison. */
    private static Map<String, Map<String, String>> byBody(List<Message> messages) {
        Map<String, Map<String, String>> byBody = new TreeMap<>();
        for (Message message : messages) {
            assertThat(byBody.put(message.body(), readable(message.messageAttributes()))).as("bodies are unique")
                    .isNull();
        }
        return byBody;
    }

    private static Map<String, String> readable(Map<String, MessageAttributeValue> attributes) {
        Map<String, String> readable = new TreeMap<>();
        attributes.forEach((name, value) -> readable.put(name, value.dataType() + ":" + (value.binaryValue() == null
                ? value.stringValue() : Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()))));
        return readable;
    }

    /** What servers without move tasks answer to StartMessageMoveTask, as the test's proxy gives it instead. */
    enum NoMoveTasks {
        /** A 400 without a body (a gateway, an emulator of the query protocol only): no error code to read. */
        BAD_REQUEST_WITHOUT_BODY(aResponse().withStatus(400)),
        /** An error code on no list, whose code and message say the operation is unknown. */
        UNKNOWN_OPERATION(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.example.sqs#UnknownOperation\","
                        + "\"message\":\"Unknown operation StartMessageMoveTask\"}")),
        /** ElasticMQ 1.7.1's own answer to an action it does not know (here an older ElasticMQ). */
        ELASTICMQ_UNKNOWN_ACTION(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-query-error", "com.amazonaws.sqs#InvalidAction")
                .withBody("{\"Message\":\"Unknown action: StartMessageMoveTask\","
                        + "\"__type\":\"com.amazonaws.sqs#InvalidAction\"}"));

        private final ResponseDefinitionBuilder response;

        NoMoveTasks(ResponseDefinitionBuilder response) {
            this.response = response;
        }
    }

    /** A client of the server at {@code endpoint} built as the commands build theirs, for a command (which closes it). */
    private static SqsClient clientOf(String endpoint) {
        return OperationInErrors.addTo(SqsClient.builder()).region(LocalSqs.REGION).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalSqs.ACCESS_KEY, LocalSqs.ACCESS_KEY)))
                .build();
    }

    private record Run(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }

    private static Run redrive(Queues queues, String... args) {
        return redrive(local.newClient(), queues, args);
    }

    /** {@code order-router redrive ARGS} with the queues' environment; the command closes {@code sqs}. */
    private static Run redrive(SqsClient sqs, Queues queues, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "redrive";
        System.arraycopy(args, 0, command, 1, args.length);
        CliRun run = CliRun.run(queues.environment(), InputStream.nullInputStream(), region -> sqs, command);
        return new Run(run.exit(), run.out(), run.err());
    }
}
