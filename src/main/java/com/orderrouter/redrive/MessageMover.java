package com.orderrouter.redrive;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.orderrouter.cli.Resend;
import com.orderrouter.failure.TypedAttribute;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Moves dead letters one receive at a time: receive from the DLQ, send a copy to the orders queue, delete from the DLQ
 * only the messages whose copy SQS accepted. A crash between send and delete leaves a message in both queues (a
 * duplicate the service's idempotent writes absorb), never in neither.
 *
 * <p>Messages it does not move (not selected, listed by a dry run, or failed) stay invisible until the run ends so
 * that the next receive brings new ones, then are made visible again at once. A killed run leaves them invisible
 * only until {@link #VISIBILITY_SECONDS} pass.
 */
final class MessageMover {

    /** Long enough for one batch's send and delete, with the SDK's retries; short so a killed run's messages return soon. */
    static final int VISIBILITY_SECONDS = 20;
    /** SQS's batch limit (10 entries, 1 MiB in total since August 2025). */
    private static final int BATCH_ENTRIES = 10;
    private static final int BATCH_BYTES = 1_048_576;
    /** Long polling asks every SQS server, so an empty answer means an empty queue (short polling samples a few). */
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String dlqUrl;
    private final String queueUrl;
    private final PrintStream out;
    private final PrintStream err;

    /** Not moved (yet): message id to its latest receipt handle, made visible again when the run ends. */
    private final Map<String, String> held = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private int moved;
    private int failed;
    private int left;

    MessageMover(SqsClient sqs, String dlqUrl, String queueUrl, PrintStream out, PrintStream err) {
        this.sqs = sqs;
        this.dlqUrl = dlqUrl;
        this.queueUrl = queueUrl;
        this.out = out;
        this.err = err;
    }

    RedriveResult run(RedriveOptions options) {
        String stoppedBy = null;
        try {
            while (options.max() == null || moved + failed < options.max()) {
                int wanted = options.max() == null ? BATCH_ENTRIES
                        : Math.min(BATCH_ENTRIES, options.max() - moved - failed);
                List<Message> selected = select(receive(wanted), options);
                if (selected == null) {
                    break;
                }
                if (options.dryRun()) {
                    selected.forEach(message -> out.println(DeadLetter.of(message).line()));
                    moved += selected.size();
                } else {
                    for (List<Message> batch : bySize(selected)) {
                        move(batch);
                    }
                }
            }
        } catch (SdkException e) {
            stoppedBy = e.getMessage();
        } finally {
            release();
        }
        return new RedriveResult(moved, failed, left, stoppedBy);
    }

    /**
     * Holds every new message and returns those the options select; null when nothing new came: the DLQ is empty, or
     * only held messages came back because their visibility timeout ran out during a long run (a later run gets the
     * rest).
     */
    private List<Message> select(List<Message> received, RedriveOptions options) {
        List<Message> selected = new ArrayList<>();
        boolean anyNew = false;
        for (Message message : received) {
            held.put(message.messageId(), message.receiptHandle()); // only the newest receipt handle works
            if (!seen.add(message.messageId())) {
                continue;
            }
            anyNew = true;
            if (options.matches(DeadLetter.of(message))) {
                selected.add(message);
            } else {
                left++;
            }
        }
        return anyNew ? selected : null;
    }

    private List<Message> receive(int wanted) {
        return sqs.receiveMessage(b -> b.queueUrl(dlqUrl).maxNumberOfMessages(wanted)
                .visibilityTimeout(VISIBILITY_SECONDS).waitTimeSeconds(WAIT_SECONDS)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages();
    }

    private void move(List<Message> batch) {
        // entry id = index in the batch
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(copy(batch.get(i)).entry(String.valueOf(i)));
        }
        SendMessageBatchResponse sent;
        try {
            sent = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            failed += batch.size(); // none was deleted; they are released with the others
            throw e;
        }
        sent.failed().forEach(entry -> fail(batch.get(Integer.parseInt(entry.id())), "not sent: " + entry.code() + " "
                + entry.message()));
        List<Message> copied = sent.successful().stream().map(entry -> batch.get(Integer.parseInt(entry.id())))
                .toList();
        if (!copied.isEmpty()) {
            delete(copied);
        }
    }

    private void delete(List<Message> copied) {
        // entry id = index in the list
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < copied.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(held.get(copied.get(i).messageId())).build());
        }
        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(b -> b.queueUrl(dlqUrl).entries(entries));
        deleted.failed().forEach(entry -> fail(copied.get(Integer.parseInt(entry.id())),
                "sent, but not deleted from the DLQ (a later redrive sends it again): " + entry.code() + " "
                        + entry.message()));
        deleted.successful().forEach(entry -> {
            Message message = copied.get(Integer.parseInt(entry.id()));
            held.remove(message.messageId());
            moved++;
            out.println("moved " + DeadLetter.of(message).line());
        });
    }

    private void fail(Message message, String why) {
        failed++;
        err.println("failed " + message.messageId() + ": " + why);
    }

    /**
     * The message as it was sent: the body unchanged and every message attribute, including the service's
     * {@code dead-letter} context (the service ignores attributes it does not know). A FIFO queue gets the message's
     * group, and its DLQ message id as the deduplication id so a copy sent twice within SQS's 5-minute window is
     * stored once.
     */
    private Resend copy(Message message) {
        Map<String, TypedAttribute> attributes = new LinkedHashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, TypedAttribute.of(value)));
        boolean fifo = Resend.isFifo(queueUrl);
        return new Resend(message.body(), attributes,
                fifo ? message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID) : null,
                fifo ? message.messageId() : null, message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER));
    }

    /** Splits into batches within SQS's limits; a message too large for a batch with others goes alone. */
    private List<List<Message>> bySize(List<Message> messages) {
        List<List<Message>> batches = new ArrayList<>();
        List<Message> batch = new ArrayList<>();
        int bytes = 0;
        for (Message message : messages) {
            int size = copy(message).bytes();
            if (!batch.isEmpty() && (bytes + size > BATCH_BYTES || batch.size() == BATCH_ENTRIES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(message);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    /** Makes every message not moved visible again now, rather than when its visibility timeout ends. */
    private void release() {
        List<String> ids = new ArrayList<>(held.keySet());
        for (int from = 0; from < ids.size(); from += BATCH_ENTRIES) {
            List<String> chunk = ids.subList(from, Math.min(from + BATCH_ENTRIES, ids.size()));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (String id : chunk) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(entries.size()))
                        .receiptHandle(held.get(id)).visibilityTimeout(0).build());
            }
            try {
                sqs.changeMessageVisibilityBatch(b -> b.queueUrl(dlqUrl).entries(entries)).failed()
                        .forEach(entry -> err.println(chunk.get(Integer.parseInt(entry.id()))
                                + " stays invisible for up to " + VISIBILITY_SECONDS + " s: " + entry.message()));
            } catch (SdkException e) {
                err.println(chunk.size() + " message(s) stay invisible for up to " + VISIBILITY_SECONDS + " s: "
                        + e.getMessage());
            }
        }
    }
}
