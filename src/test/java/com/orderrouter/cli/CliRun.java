package com.orderrouter.cli;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.orderrouter.OrderRouterMain;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One run of {@code order-router ARGS} in this JVM, through the jar's own command line
 * ({@link OrderRouterMain#commandLine}), with the given environment, stdin and SQS and S3 clients; output captured.
 *
 * @param exit the exit status {@code main} would exit with
 * @param out  stdout, line ends as {@code \n}
 * @param err  stderr, line ends as {@code \n}
 */
public record CliRun(int exit, String out, String err) {

    /** SQS clients for runs that must not reach AWS: making one fails the test. */
    public static final Function<Region, SqsClient> NO_CLIENT = region -> {
        throw new AssertionError("no SQS client expected");
    };

    /** S3 clients for runs that must not reach S3: making one fails the test. */
    public static final Function<Region, S3Client> NO_S3_CLIENT = region -> {
        throw new AssertionError("no S3 client expected");
    };

    public static CliRun run(Map<String, String> env, String... args) {
        return run(env, InputStream.nullInputStream(), NO_CLIENT, args);
    }

    public static CliRun run(Map<String, String> env, InputStream stdin, Function<Region, SqsClient> sqs,
            String... args) {
        return run(env, stdin, sqs, NO_S3_CLIENT, args);
    }

    public static CliRun run(Map<String, String> env, InputStream stdin, Function<Region, SqsClient> sqs,
            Function<Region, S3Client> s3, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(env, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), sqs, s3);
        int exit = OrderRouterMain.commandLine(context).execute(args);
        return new CliRun(exit, text(out), text(err));
    }

    public List<String> outLines() {
        return out.lines().toList();
    }

    public List<String> errLines() {
        return err.lines().toList();
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
