package com.orderrouter.producer;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.orderrouter.config.Setting;
import com.orderrouter.producer.BatchResult.FailedEntry;
import com.orderrouter.producer.OrderEventJson.InvalidEventException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code order-router send}: sends one event, or a file of events (one JSON object per line), to {@code QUEUE_URL}
 * with {@link OrderProducer}. Exit code 0 when everything was sent, 1 when an event stayed unsent or a line was
 * skipped, 2 for a usage error, an unreadable file or a missing setting.
 */
public final class SendCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_NOT_ALL_SENT = 1;
    static final int EXIT_USAGE = 2;

    static final String USAGE = """
            usage: order-router send --type TYPE --data JSON
                   order-router send --file FILE|-
              --type, --data  send one event {type, data, timestamp: now (UTC), correlation_id: random UUID}
              --file          send each line of FILE (- reads stdin) as one event, a JSON object with type and data;
                              a line's own timestamp and correlation_id are kept, missing ones filled in
            Environment: QUEUE_URL and AWS_REGION (required); AWS_ENDPOINT_URL_SQS and the AWS SDK's credential
            variables apply. A queue URL ending in .fifo gets MessageGroupId = data.order_id and
            MessageDeduplicationId = SHA-256 of the body.
            Exit code: 0 all sent, 1 an event failed or a line was skipped, 2 usage error or missing setting.""";

    private SendCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code send}
     * @param env  the environment {@code QUEUE_URL} and {@code AWS_REGION} are read from; the AWS SDK reads endpoint
     *             and credential variables from the process environment itself
     * @return the exit code
     */
    public static int run(List<String> args, Map<String, String> env, InputStream stdin, PrintStream out,
            PrintStream err) {
        return run(args, env, stdin, out, err, region -> SqsClient.builder().region(region).build());
    }

    /** As {@link #run(List, Map, InputStream, PrintStream, PrintStream)}, with the client made by {@code clients}. */
    static int run(List<String> args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err,
            Function<Region, SqsClient> clients) {
        Request request;
        try {
            request = Request.parse(args);
        } catch (UsageException e) {
            err.println("send: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (request.help()) {
            out.println(USAGE);
            return EXIT_OK;
        }
        List<String> problems = settingProblems(env);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            return EXIT_USAGE;
        }
        List<byte[]> lines = null;
        if (request.file() != null) {
            try {
                lines = splitLines(request.file().equals("-") ? stdin.readAllBytes()
                        : Files.readAllBytes(Path.of(request.file())));
            } catch (IOException e) {
                err.println("send: cannot read " + request.file() + ": " + e);
                return EXIT_USAGE;
            }
        }
        String queueUrl = env.get(Setting.QUEUE_URL.name()).trim();
        try (SqsClient sqs = clients.apply(Region.of(env.get(Setting.AWS_REGION.name()).trim()))) {
            OrderProducer producer = new OrderProducer(sqs, queueUrl, ProducerOptions.defaults(queueUrl));
            return lines == null ? sendOne(producer, request, out, err) : sendLines(producer, lines, out, err);
        }
    }

    private static int sendOne(OrderProducer producer, Request request, PrintStream out, PrintStream err) {
        try {
            out.println("sent " + producer.send(request.type(), request.data()));
            return EXIT_OK;
        } catch (EventRejectedException e) {
            err.println("failed: " + e.code() + " " + e.getMessage());
        } catch (SdkException e) {
            err.println("failed: " + e.getMessage());
        }
        return EXIT_NOT_ALL_SENT;
    }

    private static int sendLines(OrderProducer producer, List<byte[]> lines, PrintStream out, PrintStream err) {
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
        return result.failed() == 0 && skipped == 0 ? EXIT_OK : EXIT_NOT_ALL_SENT;
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

    /** The parsed arguments: {@code --type} with {@code --data}, or {@code --file}, or {@code --help}. */
    private record Request(String type, ObjectNode data, String file, boolean help) {

        static Request parse(List<String> args) {
            String type = null;
            String data = null;
            String file = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--help") || arg.equals("-h")) {
                    return new Request(null, null, null, true);
                }
                if (!List.of("--type", "--data", "--file").contains(arg)) {
                    throw new UsageException("unknown argument '" + arg + "'");
                }
                if (i + 1 == args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                String value = args.get(++i);
                switch (arg) {
                    case "--type" -> type = once(arg, type, value);
                    case "--data" -> data = once(arg, data, value);
                    default -> file = once(arg, file, value);
                }
            }
            if (file != null) {
                if (type != null || data != null) {
                    throw new UsageException("--file cannot be combined with --type or --data");
                }
                return new Request(null, null, file, false);
            }
            if (type == null || data == null) {
                throw new UsageException("give --type and --data, or --file");
            }
            if (type.isBlank()) {
                throw new UsageException("--type must not be blank");
            }
            try {
                return new Request(type, OrderEventJson.parseObject(data), null, false);
            } catch (InvalidEventException e) {
                throw new UsageException("--data: " + e.getMessage());
            }
        }

        private static String once(String option, String previous, String value) {
            if (previous != null) {
                throw new UsageException(option + " given twice");
            }
            return value;
        }
    }

    private static final class UsageException extends RuntimeException {

        UsageException(String message) {
            super(message);
        }
    }
}
