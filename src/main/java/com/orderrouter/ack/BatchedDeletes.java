package com.orderrouter.ack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Service;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes consumed messages in {@code DeleteMessageBatch} calls of up to 10 instead of one {@code DeleteMessage} per
 * message (stock camel-aws2-sqs): a message is queued for deletion when its exchange completes (stored, a no-op, or
 * handed to the DLQ; never when it failed), and queued deletes are sent when 10 are waiting, within
 * {@code flushMillis} otherwise, and when the service stops (after its routes have drained). At-least-once stays
 * intact: a crash before a flush only lets SQS redeliver the message, which the conditional writes make harmless.
 *
 * <p>Its {@link #lifecycle()} is a context service, not the bean itself: Camel stops the services a route's steps call
 * when that route stops (a live reload does), and these deletes serve every route.
 */
public class BatchedDeletes {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedDeletes.class);
    private static final int MAX_BATCH = 10;

    private final long flushMillis;
    private final ScheduledExecutorService timer;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ServiceSupport lifecycle = new ServiceSupport() {
        @Override
        protected void doStart() {
            timer.scheduleWithFixedDelay(BatchedDeletes.this::flushAll, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            timer.shutdown();
            pending.values().forEach(queue -> queue.flush(true));
        }
    };

    public BatchedDeletes(long flushMillis, ScheduledExecutorService timer) {
        this.flushMillis = flushMillis;
        this.timer = timer;
    }

    /** The routes' first step: arrange for the message to be deleted once its exchange has completed. */
    public void register(Exchange exchange) {
        String receiptHandle = exchange.getMessage().getHeader(Sqs2Constants.RECEIPT_HANDLE, String.class);
        if (!(exchange.getFromEndpoint() instanceof Sqs2Endpoint queue) || receiptHandle == null) {
            return; // not consumed from SQS (route tests)
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange completed) {
                enqueue(queue.getConfiguration().getQueueUrl(), queue.getClient(), receiptHandle);
            }
        });
    }

    private void enqueue(String queueUrl, SqsClient client, String receiptHandle) {
        Pending queue = pending.computeIfAbsent(queueUrl, url -> new Pending(url, client));
        queue.handles.add(receiptHandle);
        if (queue.handles.size() >= MAX_BATCH) {
            queue.flush(false);
        }
    }

    /** Starts the flush timer; stopping sends what is waiting. Added to the context, stopped after the routes drained. */
    public Service lifecycle() {
        return lifecycle;
    }

    /** True while the flush timer runs (from context start to context stop). */
    public boolean isRunning() {
        return lifecycle.isStarted();
    }

    private void flushAll() {
        try {
            pending.values().forEach(queue -> queue.flush(true));
        } catch (RuntimeException e) {
            LOG.warn("Deleting consumed messages failed; they will be redelivered: {}", e.getMessage());
        }
    }

    /** The deletes waiting for one queue. */
    private static final class Pending {
        private final String queueUrl;
        private final SqsClient client;
        private final Queue<String> handles = new ConcurrentLinkedQueue<>();

        Pending(String queueUrl, SqsClient client) {
            this.queueUrl = queueUrl;
            this.client = client;
        }

        /** Sends full batches, and a last partial one when {@code all}. */
        void flush(boolean all) {
            while (handles.size() >= MAX_BATCH || all && !handles.isEmpty()) {
                List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(MAX_BATCH);
                String handle;
                while (entries.size() < MAX_BATCH && (handle = handles.poll()) != null) {
                    entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(entries.size()))
                            .receiptHandle(handle).build());
                }
                if (entries.isEmpty()) {
                    return;
                }
                delete(entries);
            }
        }

        private void delete(List<DeleteMessageBatchRequestEntry> entries) {
            try {
                DeleteMessageBatchResponse response = client.deleteMessageBatch(b -> b.queueUrl(queueUrl)
                        .entries(entries));
                response.failed().forEach(failed -> LOG.warn(
                        "Could not delete a consumed message from {} ({} {}); it will be redelivered and found done",
                        queueUrl, failed.code(), failed.message()));
            } catch (SdkException e) {
                LOG.warn("Could not delete {} consumed messages from {}; they will be redelivered and found done: {}",
                        entries.size(), queueUrl, e.getMessage());
            }
        }
    }
}
