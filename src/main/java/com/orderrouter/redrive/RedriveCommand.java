package com.orderrouter.redrive;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.orderrouter.cli.CommandContext;
import com.orderrouter.cli.ExitStatus;
import com.orderrouter.cli.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code order-router redrive}: moves messages from the DLQ back to the orders queue once the cause of their failure
 * is fixed. At least once, never lost: a message leaves the DLQ only after its copy is on the orders queue (see
 * {@link MessageMover}), or SQS moves it itself ({@link MoveTask}).
 */
@Command(name = "redrive", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Moves messages from the dead-letter queue (DLQ_URL) back to the orders queue (QUEUE_URL).",
        footer = {"", "Without --max and --reason-class, SQS moves everything itself (StartMessageMoveTask) when the "
                + "server supports it (the counts are then SQS's approximations); otherwise messages are copied one "
                + "by one and deleted from the DLQ only after the copy was sent.",
                "Environment: DLQ_URL, QUEUE_URL and AWS_REGION (required); AWS_ENDPOINT_URL_SQS and the AWS SDK's "
                        + "credential variables apply.",
                "Exit status: 0 all moved, 1 some failed, 2 usage error or missing setting."})
public final class RedriveCommand implements Callable<Integer> {

    @Option(names = "--dry-run", order = 1,
            description = "list what would move (id, reason class, reason); nothing is moved")
    private boolean dryRun;

    private Integer max;

    @Option(names = "--reason-class", paramLabel = "CLASS", split = ",", order = 3,
            description = {"only messages whose error-class is CLASS (max-receives-exceeded for messages SQS moved "
                    + "after too many receives); repeatable or comma-separated"})
    private List<String> reasonClasses = new ArrayList<>();

    @Spec
    private CommandSpec spec;

    private final CommandContext context;

    public RedriveCommand(CommandContext context) {
        this.context = context;
    }

    @Option(names = "--max", paramLabel = "N", order = 2, description = "move at most N messages")
    void setMax(Integer max) {
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max needs a positive number, got: " + max);
        }
        this.max = max;
    }

    /** The queues of one run. */
    private record Queues(String dlqUrl, String queueUrl) {
    }

    /** Reads DLQ_URL, QUEUE_URL and AWS_REGION from the context's environment. */
    @Override
    public Integer call() {
        Map<String, String> env = context.env();
        PrintStream err = context.err();
        List<String> missing = Stream.of("DLQ_URL", "QUEUE_URL", "AWS_REGION")
                .filter(name -> env.get(name) == null || env.get(name).isBlank()).toList();
        if (!missing.isEmpty()) {
            err.println("missing environment variable(s): " + String.join(", ", missing));
            return ExitStatus.USAGE;
        }
        if (env.get("DLQ_URL").equals(env.get("QUEUE_URL"))) {
            err.println("DLQ_URL and QUEUE_URL are the same queue: " + env.get("DLQ_URL"));
            return ExitStatus.USAGE;
        }
        Set<String> classes = reasonClasses.stream().map(String::strip).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        RedriveOptions options = new RedriveOptions(dryRun, max, classes);
        try (SqsClient sqs = context.sqs().apply(Region.of(env.get("AWS_REGION")))) {
            return execute(options, new Queues(env.get("DLQ_URL"), env.get("QUEUE_URL")), sqs);
        }
    }

    private int execute(RedriveOptions options, Queues queues, SqsClient sqs) {
        PrintStream out = context.out();
        PrintStream err = context.err();
        MessageMover mover = new MessageMover(sqs, queues.dlqUrl(), queues.queueUrl(), out, err);
        RedriveResult result;
        try {
            if (!options.dryRun() && options.movesEverything()) {
                result = new MoveTask(sqs, out).run(queues.dlqUrl(), queues.queueUrl()).orElseGet(() -> {
                    out.println("the server has no SQS move tasks: moving message by message");
                    return mover.run(options);
                });
            } else {
                result = mover.run(options);
            }
        } catch (SdkException e) {
            err.println("redrive failed: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        out.println(result.summary(options.dryRun()));
        if (result.stoppedBy() != null) {
            err.println("stopped early: " + result.stoppedBy());
        }
        return result.succeeded() ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
