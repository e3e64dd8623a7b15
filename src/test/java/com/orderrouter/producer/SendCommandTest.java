package com.orderrouter.producer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.orderrouter.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code order-router send}: usage and settings errors exit 2 before any client is made. */
class SendCommandTest {

    private static final Map<String, String> ENV = Map.of("QUEUE_URL",
            "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-queue", "AWS_REGION", "eu-west-1");

    @Test
    void missingQueueUrlExits2NamingIt() {
        CliRun run = send(Map.of("AWS_REGION", "eu-west-1"), "--file", "-");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("QUEUE_URL is not set: ");
    }

    @Test
    void missingSettingsAreAllNamed() {
        CliRun run = send(Map.of(), "--type", "order_created", "--data", "{}");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("QUEUE_URL is not set", "AWS_REGION is not set");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                                   | give --type and --data, or --file",
            "--type order_created                 | give --type and --data, or --file",
            "--type BLANK --data {}               | --type must not be blank",
            "--file a.jsonl --type order_created  | --file cannot be combined with --type or --data",
            "--type order_created --data [1]      | --data: not a JSON object",
            "--type order_created --data {x       | --data: not valid JSON: Unexpected character ('x' (code 120)): "
                    + "was expecting double-quote to start field name",
            "--file a --file b                    | option '--file' (FILE) should be specified only once",
            "--file                               | Missing required parameter for option '--file' (FILE)",
            "--dry-run                            | Unknown option: '--dry-run'"})
    void usageErrorsExit2WithOneLineNamingTheProblemThenTheUsage(String args, String problem) {
        // BLANK stands for a type of one space
        CliRun run = send(ENV, args.isEmpty() ? new String[0]
                : Arrays.stream(args.split(" ")).map(arg -> arg.equals("BLANK") ? " " : arg).toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("order-router send: " + problem + "\n" + usage());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnreadableFileExits2() {
        CliRun run = send(ENV, "--file", "/nonexistent/events.jsonl");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("send: cannot read /nonexistent/events.jsonl");
    }

    @Test
    void helpPrintsTheOptionsAndTheEnvironmentItReads() {
        CliRun run = send(Map.of(), "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).startsWith("Usage: order-router send [-hV] --type=TYPE --data=JSON",
                "       order-router send [-hV] --file=FILE|-");
        assertThat(run.out()).contains("--type=TYPE", "--data=JSON", "--file=FILE", "QUEUE_URL", "AWS_REGION");
        assertThat(run.err()).isEmpty();
    }

    private static String usage() {
        return send(Map.of(), "--help").out();
    }

    private static CliRun send(Map<String, String> env, String... args) {
        return CliRun.run(env, List.of(List.of("send"), List.of(args)).stream().flatMap(List::stream)
                .toArray(String[]::new));
    }
}
