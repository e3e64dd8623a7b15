package com.orderrouter.redrive;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * SQS moves the whole DLQ itself ({@code StartMessageMoveTask}): no messages pass through this process, so nothing
 * depends on it staying alive, and SQS keeps each message's attributes. Used only to move everything, since a task
 * can neither filter nor stop at a count.
 */
final class MoveTask {

    private static final Set<String> ACTIVE = Set.of("RUNNING", "CANCELLING");
    private static final Duration POLL = Duration.ofSeconds(1);

    private final SqsClient sqs;
    private final PrintStream out;

    MoveTask(SqsClient sqs, PrintStream out) {
        this.sqs = sqs;
        this.out = out;
    }

    /** Runs a move task to its end; empty when the server does not implement move tasks. */
    Optional<RedriveResult> run(String dlqUrl, String queueUrl) {
        String source = arn(dlqUrl);
        String destination = arn(queueUrl);
        try {
            sqs.startMessageMoveTask(b -> b.sourceArn(source).destinationArn(destination));
        } catch (SdkException e) {
            if (MoveTaskUnsupported.saidBy(e)) {
                return Optional.empty();
            }
            throw e;
        }
        out.println("SQS move task started: " + source + " -> " + destination);
        ListMessageMoveTasksResultEntry task = awaitEnd(source);
        // SQS's approximations: ElasticMQ 1.7.1 was seen to report 3 moved for 2 after earlier receives on the DLQ
        int moved = task.approximateNumberOfMessagesMoved() == null ? 0 : task.approximateNumberOfMessagesMoved().intValue();
        if (task.status().equals("COMPLETED")) {
            return Optional.of(new RedriveResult(moved, 0, 0, null));
        }
        Long toMove = task.approximateNumberOfMessagesToMove();
        int failed = toMove == null ? 0 : (int) Math.max(0, toMove - moved);
        return Optional.of(new RedriveResult(moved, failed, 0, "move task " + task.status()
                + (task.failureReason() == null ? "" : ": " + task.failureReason())));
    }

    /** The most recent task on the DLQ is ours: SQS runs one task per source queue at a time. */
    private ListMessageMoveTasksResultEntry awaitEnd(String source) {
        while (true) {
            ListMessageMoveTasksResultEntry task = sqs.listMessageMoveTasks(b -> b.sourceArn(source).maxResults(1))
                    .results().get(0);
            if (!ACTIVE.contains(task.status())) {
                return task;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted; the move task goes on in SQS", e);
            }
        }
    }

    private String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
