package com.orderrouter.replay;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import com.orderrouter.ingest.MessageSizeLimit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code order-router replay}: sends archived dead letters (the S3 archive the DLQ route writes) back to the orders
 * queue once the cause of their failure is fixed, each once: a replayed one is marked and skipped by later runs
 * unless {@code --again}. See {@link Replayer} for the guarantees when a run is killed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Sends archived dead letters from the S3 archive (DLQ_BUCKET, failed/yyyy/mm/dd/) back to the "
                + "orders queue (QUEUE_URL): the original body and attributes, plus replayed-from naming the archive "
                + "key.",
        footer = {"", "Each replayed object is marked (replayed/<key> in the same bucket) after its send succeeded, so "
                + "a later run skips it unless --again. One message is in flight at a time: a run killed part-way "
                + "sends at most that one twice when run again.",
                "Environment: DLQ_BUCKET, QUEUE_URL and AWS_REGION (required); AWS_ENDPOINT_URL_S3, "
                        + "AWS_ENDPOINT_URL_SQS and the AWS SDK's credential variables apply.",
                "Output: one line per message, then replayed=N skipped-already-replayed=M failed=K.",
                "Exit status: 0 nothing failed, 1 something failed, 2 usage error or missing setting."})
public final class ReplayCommand implements Callable<Integer> {

    /** Checked in {@link #call()}, not by picocli: its required check would hide an unknown option's error. */
    @Option(names = "--from", paramLabel = "YYYY-MM-DD", order = 1,
            description = "(required) first day (UTC) of the archive to replay from, by the day the message was first sent "
                    + "(its key's failed/yyyy/mm/dd/)")
    private LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", order = 2,
            description = "last day (UTC), inclusive; default: today")
    private LocalDate to;

    @Option(names = "--reason-class", paramLabel = "CLASS", split = ",", order = 3,
            description = "only dead letters of reason class CLASS (invalid-event, unknown-type, malformed-json, "
                    + "retries-exhausted, max-receives-exceeded, ...); repeatable or comma-separated")
    private List<String> reasonClasses = new ArrayList<>();

    @Option(names = "--message-id", paramLabel = "ID", split = ",", order = 4,
            description = "only the dead letter of source message ID (the archive key's name); repeatable or "
                    + "comma-separated")
    private List<String> messageIds = new ArrayList<>();

    private Integer max;

    @Option(names = "--dry-run", order = 6,
            description = "list what would be replayed (id, reason class, reason, key); nothing is sent or marked")
    private boolean dryRun;

    @Option(names = "--again", order = 7,
            description = "also replay dead letters that were replayed before (their marker gets another entry)")
    private boolean again;

    @Spec
    private CommandSpec spec;

    private final CommandContext context;

    public ReplayCommand(CommandContext context) {
        this.context = context;
    }

    @Option(names = "--max", paramLabel = "N", order = 5, description = "replay (or list) at most N dead letters")
    void setMax(Integer max) {
        if (max != null && max < 1) {
            throw new ParameterException(spec.commandLine(), "--max needs a positive number, got: " + max);
        }
        this.max = max;
    }

    /** Reads DLQ_BUCKET, QUEUE_URL and AWS_REGION from the context's environment. */
    @Override
    public Integer call() {
        Map<String, String> env = context.env();
        PrintStream err = context.err();
        if (from == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--from=YYYY-MM-DD'");
        }
        LocalDate last = to == null ? LocalDate.now(ZoneOffset.UTC) : to;
        if (last.isBefore(from)) {
            throw new ParameterException(spec.commandLine(), "--to " + last + " is before --from " + from);
        }
        List<String> missing = Stream.of("DLQ_BUCKET", "QUEUE_URL", "AWS_REGION")
                .filter(name -> env.get(name) == null || env.get(name).isBlank()).toList();
        if (!missing.isEmpty()) {
            err.println("missing environment variable(s): " + String.join(", ", missing));
            return ExitStatus.USAGE;
        }
        ReplayOptions options = new ReplayOptions(from, last, stripped(reasonClasses), stripped(messageIds), max,
                dryRun, again);
        Region region = Region.of(env.get("AWS_REGION").strip());
        try (S3Client s3 = context.s3().apply(region);
                SqsClient sqs = dryRun ? null : context.sqs().apply(region)) {
            String queueUrl = env.get("QUEUE_URL").strip();
            Replayer replayer = new Replayer(new ArchiveBucket(s3, env.get("DLQ_BUCKET").strip()), sqs, queueUrl,
                    dryRun ? MessageSizeLimit.SQS_MAX_BYTES : sizeLimit(sqs, queueUrl), context.out(), err);
            ReplayResult result = replayer.run(options);
            context.out().println(result.summary(dryRun));
            if (result.stoppedBy() != null) {
                err.println("stopped early: " + result.stoppedBy());
            }
            return result.succeeded() ? ExitStatus.OK : ExitStatus.FAILED;
        }
    }

    /**
     * The orders queue's MaximumMessageSize, as the service reads it; SQS's 1 MiB when the queue does not report it or
     * cannot be asked (a message then over the queue's limit fails its send and is counted failed). Quiet: the output
     * is the command's.
     */
    private static int sizeLimit(SqsClient sqs, String queueUrl) {
        try {
            return MessageSizeLimit.reportedBy(sqs, queueUrl).orElse(MessageSizeLimit.SQS_MAX_BYTES);
        } catch (SdkException | NumberFormatException e) {
            return MessageSizeLimit.SQS_MAX_BYTES;
        }
    }

    private static Set<String> stripped(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}
