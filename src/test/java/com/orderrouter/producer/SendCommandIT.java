package com.orderrouter.producer;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.orderrouter.cli.CliRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code send} end to end against ElasticMQ: arguments and lines in, messages on the queue, report and exit code out. */
class SendCommandIT {

    private static LocalSqs local;

    @TempDir
    Path dir;
    private String queueUrl;
    private final List<Region> regions = new ArrayList<>();
    private String out;
    private String err;

    @BeforeAll
    static void startSqs() {
        local = new LocalSqs();
    }

    @AfterAll
    static void stopSqs() {
        local.close();
    }

    @BeforeEach
    void newQueue() {
        queueUrl = local.newQueue();
    }

    @Test
    void typeAndDataSendsOneEventAndPrintsItsMessageId() {
        int exit = run(List.of("--type", "order_created", "--data",
                "{\"order_id\":\"1\",\"customer_id\":\"c\",\"items\":[],\"total\":1}"), InputStream.nullInputStream());

        assertThat(exit).isZero();
        List<Message> received = local.drain(queueUrl);
        assertThat(received).hasSize(1);
        assertThat(stdout()).isEqualTo("sent " + received.get(0).messageId() + "\n");
        assertThat(received.get(0).body()).startsWith(
                "{\"type\":\"order_created\",\"data\":{\"order_id\":\"1\",\"customer_id\":\"c\",\"items\":[],\"total\":1},");
        assertThat(regions).containsExactly(Region.EU_WEST_1);
    }

    @Test
    void badLinesAreReportedAndSkippedAndTheRestIsSent() throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.write(file, List.of(
                line("3001"),
                "order_created 3002",
                "",
                "{\"data\":{\"order_id\":\"3003\"}}",
                line("3004"),
                OrderEventJson.body(TestEvents.createdOfSize("3005", 1_100_000)),
                line("3006")));

        int exit = run(List.of("--file", file.toString()), InputStream.nullInputStream());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr().lines()).containsExactly(
                "line 2: not valid JSON: Unrecognized token 'order_created': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')",
                "line 4: type: must be a non-empty string",
                "failed line 6: MessageTooLong body is 1100000 bytes, over SQS's limit of 1048576");
        assertThat(stdout()).isEqualTo("successful=3 failed=1 skipped-lines=2\n");
        assertThat(local.drain(queueUrl)).extracting(Message::body)
                .containsExactlyInAnyOrder(line("3001"), line("3004"), line("3006"));
    }

    @Test
    void dashReadsStdinAndEverythingSentExits0() {
        String lines = line("4001") + "\r\n" + line("4002") + "\n\n" + line("4003");

        int exit = run(List.of("--file", "-"), new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));

        assertThat(exit).isZero();
        assertThat(stdout()).isEqualTo("successful=3 failed=0 skipped-lines=0\n");
        assertThat(stderr()).isEmpty();
        assertThat(local.drain(queueUrl)).hasSize(3);
    }

    @Test
    void aLineThatIsNotUtf8IsSkipped() {
        byte[] latin1 = "{\"type\":\"order_created\",\"data\":{\"order_id\":\"caf\u00e9\"}}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] good = line("5002").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[latin1.length + good.length];
        System.arraycopy(latin1, 0, input, 0, latin1.length);
        System.arraycopy(good, 0, input, latin1.length, good.length);

        int exit = run(List.of("--file", "-"), new ByteArrayInputStream(input));

        assertThat(exit).isEqualTo(1);
        assertThat(stderr()).isEqualTo("line 1: not valid UTF-8\n");
        assertThat(stdout()).isEqualTo("successful=1 failed=0 skipped-lines=1\n");
    }

    /** A complete event line: sent as it is, so the received body equals it. */
    private static String line(String orderId) {
        return "{\"type\":\"order_created\",\"data\":{\"order_id\":\"" + orderId + "\",\"customer_id\":\"c\","
                + "\"items\":[],\"total\":1},\"timestamp\":\"2026-11-27T10:00:00Z\",\"correlation_id\":\"c-"
                + orderId + "\"}";
    }

    private int run(List<String> args, InputStream stdin) {
        List<String> command = new ArrayList<>(List.of("send"));
        command.addAll(args);
        CliRun run = CliRun.run(Map.of("QUEUE_URL", queueUrl, "AWS_REGION", "eu-west-1"), stdin, region -> {
            regions.add(region);
            return local.newClient();
        }, command.toArray(String[]::new));
        out = run.out();
        err = run.err();
        return run.exit();
    }

    private String stdout() {
        return out;
    }

    private String stderr() {
        return err;
    }
}
