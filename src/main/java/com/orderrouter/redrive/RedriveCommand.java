package com.orderrouter.redrive;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code redrive}: moves messages from the DLQ back to the orders queue once the cause of their failure is fixed. At
 * least once, never lost: a message leaves the DLQ only after its copy is on the orders queue (see
 * {@link MessageMover}), or SQS moves it itself ({@link MoveTask}). Options: {@link RedriveOptions#USAGE}.
 */
public final class RedriveCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private RedriveCommand() {
    }

    /** The queues and options of one run. */
    private record Invocation(RedriveOptions options, String dlqUrl, String queueUrl, String region) {
    }

    /** Reads DLQ_URL, QUEUE_URL and AWS_REGION from {@code env}; the SDK's own variables (endpoints, keys) apply. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Optional<Invocation> invocation = parse(args, env, err);
        if (invocation.isEmpty()) {
            return EXIT_USAGE;
        }
        try (SqsClient sqs = SqsClient.builder().region(Region.of(invocation.get().region())).build()) {
            return execute(invocation.get(), sqs, out, err);
        }
    }

    /** As {@link #run(List, Map, PrintStream, PrintStream)}, with the given client (tests point it at ElasticMQ). */
    static int run(List<String> args, Map<String, String> env, SqsClient sqs, PrintStream out, PrintStream err) {
        return parse(args, env, err).map(invocation -> execute(invocation, sqs, out, err)).orElse(EXIT_USAGE);
    }

    private static Optional<Invocation> parse(List<String> args, Map<String, String> env, PrintStream err) {
        RedriveOptions options;
        try {
            options = RedriveOptions.parse(args);
        } catch (RedriveOptions.UsageException e) {
            err.println(e.getMessage());
            err.println(RedriveOptions.USAGE);
            return Optional.empty();
        }
        List<String> missing = Stream.of("DLQ_URL", "QUEUE_URL", "AWS_REGION")
                .filter(name -> env.get(name) == null || env.get(name).isBlank()).toList();
        if (!missing.isEmpty()) {
            err.println("missing environment variable(s): " + String.join(", ", missing));
            return Optional.empty();
        }
        if (env.get("DLQ_URL").equals(env.get("QUEUE_URL"))) {
            err.println("DLQ_URL and QUEUE_URL are the same queue: " + env.get("DLQ_URL"));
            return Optional.empty();
        }
        return Optional.of(new Invocation(options, env.get("DLQ_URL"), env.get("QUEUE_URL"), env.get("AWS_REGION")));
    }

    private static int execute(Invocation invocation, SqsClient sqs, PrintStream out, PrintStream err) {
        RedriveOptions options = invocation.options();
        MessageMover mover = new MessageMover(sqs, invocation.dlqUrl(), invocation.queueUrl(), out, err);
        RedriveResult result;
        try {
            if (!options.dryRun() && options.movesEverything()) {
                result = new MoveTask(sqs, out).run(invocation.dlqUrl(), invocation.queueUrl()).orElseGet(() -> {
                    out.println("the server has no SQS move tasks: moving message by message");
                    return mover.run(options);
                });
            } else {
                result = mover.run(options);
            }
        } catch (SdkException e) {
            err.println("redrive failed: " + e.getMessage());
            return EXIT_FAILED;
        }
        out.println(result.summary(options.dryRun()));
        if (result.stoppedBy() != null) {
            err.println("stopped early: " + result.stoppedBy());
        }
        return result.succeeded() ? EXIT_OK : EXIT_FAILED;
    }
}
