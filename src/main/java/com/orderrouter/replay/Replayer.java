package com.orderrouter.replay;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.orderrouter.archive.DeadLetterRecord;
import com.orderrouter.cli.Resend;
import com.orderrouter.failure.TypedAttribute;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Replays archived dead letters one at a time: read the archive record, send it to the orders queue, then write its
 * replay marker. One message is in flight at a time, so a run killed at any point leaves every selected dead letter
 * either marked (sent) or unmarked (sent again by the next run): at most the one in flight is sent twice, none is
 * missed.
 *
 * <p>Day by day, each day's selection is sent in the order the messages were first sent (the archive's
 * {@code source_sent_at}, then the DLQ's FIFO sequence number), so a FIFO group's dead letters keep their order.
 */
final class Replayer {

    /** Message attribute naming the archive key a message was replayed from. */
    static final String REPLAYED_FROM = "replayed-from";

    private final ArchiveBucket archive;
    private final SqsClient sqs;
    private final String queueUrl;
    private final int maxBytes;
    private final PrintStream out;
    private final PrintStream err;

    private int replayed;
    private int skipped;
    private int failed;

    /** @param maxBytes the orders queue's MaximumMessageSize: a message with the marker attribute must fit it */
    Replayer(ArchiveBucket archive, SqsClient sqs, String queueUrl, int maxBytes, PrintStream out, PrintStream err) {
        this.archive = archive;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.maxBytes = maxBytes;
        this.out = out;
        this.err = err;
    }

    /** A selected archive record, without its body: what a day's selection is sorted by and a dry run lists. */
    private record Selected(String key, String sourceMessageId, String reasonClass, String reason, Instant sentAt,
            BigInteger sequenceNumber, boolean replayedBefore) {

        static final Comparator<Selected> FIRST_SENT_FIRST = Comparator.comparing(Selected::sentAt,
                Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Selected::sequenceNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Selected::key);

        static Selected of(String key, DeadLetterRecord record, boolean replayedBefore) {
            String sequence = record.systemAttributes() == null ? null : record.systemAttributes().get("SequenceNumber");
            return new Selected(key, record.sourceMessageId(), record.reasonClass(), record.reason(),
                    record.sourceSentAt() == null ? null : Instant.parse(record.sourceSentAt()),
                    sequence == null ? null : new BigInteger(sequence), replayedBefore);
        }

        /** Dry-run line: id, reason class, reason (may contain spaces), key. */
        String line() {
            return sourceMessageId + "  " + reasonClass + "  " + reason + "  " + key;
        }
    }

    ReplayResult run(ReplayOptions options) {
        String stoppedBy = null;
        try {
            for (LocalDate day : options.days()) {
                if (options.reachedMax(replayed)) {
                    break;
                }
                stoppedBy = replayDay(day, options);
                if (stoppedBy != null) {
                    break;
                }
            }
        } catch (SdkException e) {
            stoppedBy = e.getMessage(); // S3 listing or reading failed: the rest of the range is not looked at
        }
        return new ReplayResult(replayed, skipped, failed, stoppedBy);
    }

    /** @return why the run must stop, or null */
    private String replayDay(LocalDate day, ReplayOptions options) {
        List<String> keys = archive.archiveKeys(day).stream()
                .filter(key -> options.selectsMessage(ArchiveBucket.sourceMessageId(key))).toList();
        if (keys.isEmpty()) {
            return null;
        }
        Set<String> replayedKeys = archive.replayedKeys(day);
        List<Selected> selected = new ArrayList<>();
        for (String key : keys) {
            boolean replayedBefore = replayedKeys.contains(key);
            if (replayedBefore && !options.again() && options.reasonClasses().isEmpty()) {
                skipped++; // no need to read it to know it is skipped
                continue;
            }
            try {
                DeadLetterRecord record = archive.read(key);
                if (!options.selectsReasonClass(record.reasonClass())) {
                    continue;
                }
                if (replayedBefore && !options.again()) {
                    skipped++;
                } else {
                    selected.add(Selected.of(key, record, replayedBefore));
                }
            } catch (UnreplayableException | DateTimeException | NumberFormatException e) {
                fail(key, e.getMessage());
            }
        }
        selected.sort(Selected.FIRST_SENT_FIRST);
        for (Selected one : selected) {
            if (options.reachedMax(replayed)) {
                return null;
            }
            if (options.dryRun()) {
                out.println(one.line());
                replayed++;
                continue;
            }
            String stop = replay(one);
            if (stop != null) {
                return stop;
            }
        }
        return null;
    }

    /**
     * Sends one archived dead letter and marks it. A message SQS rejects is counted as failed and the run goes on; an
     * SQS that cannot be reached, or a mark that cannot be written, stops the run (the next would fail alike).
     *
     * @return why the run must stop, or null
     */
    private String replay(Selected selected) {
        String key = selected.key();
        DeadLetterRecord record;
        ReplayMarker marker;
        Resend resend;
        try {
            record = archive.read(key); // again: the first read kept only what sorting needs
            marker = selected.replayedBefore() ? archive.marker(key).orElse(null) : null;
            if (marker == null) {
                marker = new ReplayMarker(key, List.of());
            }
            resend = resend(record, key, marker.replays().size());
        } catch (UnreplayableException e) {
            fail(key, e.getMessage());
            return null;
        }
        String messageId;
        try {
            messageId = sqs.sendMessage(resend.request(queueUrl)).messageId();
        } catch (AwsServiceException e) {
            fail(key, "not sent: " + e.getMessage());
            return null;
        } catch (SdkException e) {
            fail(key, "not sent: " + e.getMessage());
            return "SQS: " + e.getMessage();
        }
        TypedAttribute link = resend.attributes().get(REPLAYED_FROM);
        boolean withAttribute = link != null && key.equals(link.stringValue());
        try {
            archive.mark(marker.plus(new ReplayMarker.Replay(Instant.now().toString(), queueUrl, messageId,
                    withAttribute)));
        } catch (SdkException e) {
            fail(key, "sent as " + messageId + " but not marked as replayed (a rerun sends it again): "
                    + e.getMessage());
            return "S3: " + e.getMessage();
        }
        replayed++;
        out.println("replayed " + record.sourceMessageId() + "  " + key + " as " + messageId + (withAttribute ? ""
                : " (" + (hasFreeSlot(record) ? "over " + maxBytes + " bytes with it" : "10 attributes") + ": "
                        + REPLAYED_FROM + " only in " + ReplayMarker.keyOf(key) + ")"));
        return null;
    }

    /**
     * The original message: body and attributes as archived, plus {@value #REPLAYED_FROM} naming the archive key when
     * it fits SQS's 10 attributes (a message replayed before already has the attribute: its value is replaced) and the
     * message with it still fits the orders queue's size limit (the attribute adds about 80 bytes); otherwise the
     * replay marker object is the only link. On a
     * FIFO queue: the original message group and a new deduplication id, derived from the key and the number of earlier
     * replays, so a send repeated after a crash within SQS's 5-minute window is dropped by SQS, and {@code --again}
     * is not.
     */
    private Resend resend(DeadLetterRecord record, String key, int earlierReplays) {
        Map<String, TypedAttribute> original = new TreeMap<>(
                record.messageAttributes() == null ? Map.of() : record.messageAttributes());
        Map<String, TypedAttribute> linked = new TreeMap<>(original);
        linked.put(REPLAYED_FROM, TypedAttribute.string(key));
        String group = null;
        String deduplicationId = null;
        if (Resend.isFifo(queueUrl)) {
            if (record.messageGroupId() == null) {
                throw new UnreplayableException("no message group archived, and the FIFO queue needs one");
            }
            group = record.messageGroupId();
            deduplicationId = sha256("replay " + earlierReplays + " " + key);
        }
        String traceHeader = record.systemAttributes() == null ? null : record.systemAttributes().get("AWSTraceHeader");
        Resend withLink = new Resend(record.body(), linked, group, deduplicationId, traceHeader);
        return hasFreeSlot(record) && withLink.bytes() <= maxBytes ? withLink
                : new Resend(record.body(), original, group, deduplicationId, traceHeader);
    }

    /** Whether {@value #REPLAYED_FROM} fits SQS's 10 attributes (a message replayed before has it already). */
    private static boolean hasFreeSlot(DeadLetterRecord record) {
        Map<String, TypedAttribute> attributes = record.messageAttributes() == null ? Map.of()
                : record.messageAttributes();
        return attributes.containsKey(REPLAYED_FROM) || attributes.size() < Resend.MAX_ATTRIBUTES;
    }

    private void fail(String key, String why) {
        failed++;
        err.println("failed " + key + ": " + why);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
