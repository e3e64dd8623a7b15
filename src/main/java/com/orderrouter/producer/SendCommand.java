package com.orderrouter.producer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.cli.CommandContext;
import com.orderrouter.cli.ExitStatus;
import com.orderrouter.cli.Version;
import com.orderrouter.config.Setting;
import com.orderrouter.producer.BatchResult.FailedEntry;
import com.orderrouter.producer.OrderEventJson.InvalidEventException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code order-router send}: sends one event, or a file of events (one JSON object per line), to {@code QUEUE_URL}
 * with {@link OrderProducer}. Exit status 0 when everything was sent, 1 when an event stayed unsent or a line was
 * skipped, 2 for a usage error, an unreadable file or a missing setting.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        customSynopsis = {"order-router send [-hV] --type=TYPE --data=JSON",
                "       order-router send [-hV] --file=FILE|-"},
        description = "Sends order events to the orders queue (QUEUE_URL).",
        footer = {"", "Environment: QUEUE_URL and AWS_REGION (required); AWS_ENDPOINT_URL_SQS and the AWS SDK's "
                + "credential variables apply. A queue URL ending in .fifo gets MessageGroupId = data.order_id and "
                + "MessageDeduplicationId = SHA-256 of the body.",
                "Exit status: 0 all sent, 1 an event failed or a line was skipped, 2 usage error, unreadable file or "
                        + "missing setting."})
public final class SendCommand implements Callable<Integer> {

    @Option(names = "--type", paramLabel = "TYPE", description = "event type, e.g. order_created")
    private String type;

    @Option(names = "--data", paramLabel = "JSON", description = "the event's data, a JSON object; sent as "
            + "{type, data, timestamp: now (UTC), correlation_id: random UUID}")
    private String data;

    @Option(names = "--file", paramLabel = "FILE", description = "send each line of FILE (- reads stdin) as one "
            + "event, a JSON object with type and data; a line's own timestamp and correlation_id are kept, missing "
            + "ones filled in")
    private String file;

    @Spec
    private CommandSpec spec;

    private final CommandContext context;

    public SendCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ObjectNode event = checkArguments();
        List<String> problems = settingProblems(context.env());
        if (!problems.isEmpty()) {
            problems.forEach(context.err()::println);
            return ExitStatus.USAGE;
        }
        List<byte[]> lines = null;
        if (file != null) {
            try {
                lines = splitLines(file.equals("-") ? context.in().readAllBytes() : Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                context.err().println("send: cannot read " + file + ": " + e);
                return ExitStatus.USAGE;
            }
        }
        String queueUrl = context.env().get(Setting.QUEUE_URL.name()).trim();
        try (SqsClient sqs = context.sqs().apply(Region.of(context.env().get(Setting.AWS_REGION.name()).trim()))) {
            OrderProducer producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));
            return lines == null ? sendOne(producer, type, event) : sendLines(producer, lines);
        }
    }

    /**
     * What picocli's option types do not check: which options go together, a non-blank type, data that is a JSON
     * object. (Picocli's argument groups could say which go together, but report a repeated option as "expected
     * only one match".)
     *
     * @return the data of the one event, or null with --file
     * @throws ParameterException a usage error
     */
    private ObjectNode checkArguments() {
        if (file != null) {
            if (type != null || data != null) {
                throw usageError("--file cannot be combined with --type or --data");
            }
            return null;
        }
        if (type == null || data == null) {
            throw usageError("give --type and --data, or --file");
        }
        if (type.isBlank()) {
            throw usageError("--type must not be blank");
        }
        try {
            return OrderEventJson.parseObject(data);
        } catch (InvalidEventException e) {
            throw usageError("--data: " + e.getMessage());
        }
    }

    private ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private int sendOne(OrderProducer producer, String type, ObjectNode data) {
        try {
            context.out().println("sent " + producer.send(type, data));
            return ExitStatus.OK;
        } catch (EventRejectedException e) {
            context.err().println("failed: " + e.code() + " " + e.getMessage());
        } catch (SdkException e) {
            context.err().println("failed: " + e.getMessage());
        }
        return ExitStatus.FAILED;
    }

    private int sendLines(OrderProducer producer, List<byte[]> lines) {
        PrintStream out = context.out();
        PrintStream err = context.err();
        List<ObjectNode> events = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            try {
                String text = decode(lines.get(i), lineNumber);
                if (!text.isBlank()) {
                    events.add(OrderEventJson.parse(text));
                    lineNumbers.add(lineNumber);
                }
            } catch (InvalidEventException e) {
                err.println("line " + lineNumber + ": " + e.getMessage());
                skipped++;
            }
        }
        BatchResult result = producer.sendAll(events);
        for (FailedEntry failure : result.failures()) {
            err.println("failed line " + lineNumbers.get(failure.index()) + ": " + failure.code() + " "
                    + failure.message());
        }
        out.println("successful=" + result.successful() + " failed=" + result.failed() + " skipped-lines=" + skipped);
        return result.failed() == 0 && skipped == 0 ? ExitStatus.OK : ExitStatus.FAILED;
    }

    /** Splits on LF; '\n' never occurs inside a multi-byte UTF-8 character, so each line is decoded on its own. */
    private static List<byte[]> splitLines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                lines.add(Arrays.copyOfRange(bytes, start, end));
                start = i + 1;
            }
        }
        return lines;
    }

    /** Strict UTF-8, so a mis-encoded line is skipped and reported rather than sent with replacement characters. */
    private static String decode(byte[] line, int lineNumber) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line)).toString();
            return lineNumber == 1 && text.startsWith("\uFEFF") ? text.substring(1) : text; // a byte order mark
        } catch (CharacterCodingException e) {
            throw new InvalidEventException("not valid UTF-8");
        }
    }

    private static List<String> settingProblems(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String queueUrl = env.get(Setting.QUEUE_URL.name());
        if (queueUrl == null || queueUrl.isBlank()) {
            problems.add("QUEUE_URL is not set: " + Setting.QUEUE_URL.description());
        } else if (!isHttpUrl(queueUrl.trim())) {
            problems.add("QUEUE_URL=" + queueUrl + " is invalid: expected an http(s) queue URL");
        }
        String region = env.get(Setting.AWS_REGION.name());
        if (region == null || region.isBlank()) {
            problems.add("AWS_REGION is not set: " + Setting.AWS_REGION.description());
        }
        return problems;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
