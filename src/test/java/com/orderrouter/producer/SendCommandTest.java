package com.orderrouter.producer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Usage and settings errors: exit 2 before any client is made. */
class SendCommandTest {

    private static final Map<String, String> ENV = Map.of("QUEUE_URL",
            "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue", "AWS_REGION", "eu-west-1");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void missingQueueUrlExits2NamingIt() {
        int exit = run(List.of("--file", "-"), Map.of("AWS_REGION", "eu-west-1"));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("QUEUE_URL is not set: ");
    }

    @Test
    void missingSettingsAreAllNamed() {
        int exit = run(List.of("--type", "order_created", "--data", "{}"), Map.of());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("QUEUE_URL is not set", "AWS_REGION is not set");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | give --type and --data, or --file",
            "--type order_created                 | give --type and --data, or --file",
            "--file a.jsonl --type order_created  | --file cannot be combined with --type or --data",
            "--type order_created --data [1]      | --data: not a JSON object",
            "--type order_created --data {x       | --data: not valid JSON",
            "--file a --file b                    | --file given twice",
            "--file                               | --file needs a value",
            "--dry-run                            | unknown argument '--dry-run'"})
    void usageErrorsExit2WithTheUsage(String args, String problem) {
        int exit = run(args.isEmpty() ? List.of() : List.of(args.split(" ")), ENV);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("send: " + problem).contains(SendCommand.USAGE);
    }

    @Test
    void anUnreadableFileExits2() {
        int exit = run(List.of("--file", "/nonexistent/events.jsonl"), ENV);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("send: cannot read /nonexistent/events.jsonl");
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run(List.of("--help"), Map.of())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(SendCommand.USAGE + System.lineSeparator());
    }

    private int run(List<String> args, Map<String, String> env) {
        return SendCommand.run(args, env, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                region -> {
                    throw new AssertionError("no client for a usage error");
                });
    }
}
