package com.orderrouter.redrive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.orderrouter.cli.CommandProcess;
import com.orderrouter.redrive.LocalSqs.Queues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A redrive killed with SIGKILL part-way loses nothing: every dead letter is afterwards on the orders queue, in the
 * DLQ, or (killed between send and delete) in both.
 */
class RedriveInterruptionIT {

    /** Enough that the move is still going when half of the copies are on the orders queue. */
    private static final int MESSAGES = 2_000;

    @Test
    void killedMidwayEveryMessageIsInOneQueueOrBoth(@TempDir Path dir) throws Exception {
        try (LocalSqs local = LocalSqs.start()) {
            Queues queues = local.newQueues(false, 3);
            List<String> bodies = IntStream.range(0, MESSAGES).mapToObj(i -> "{\"order_id\":\"o-" + i + "\"}").toList();
            local.send(queues.dlqUrl(), bodies, Map.of("dead-letter", MessageAttributeValue.builder()
                    .dataType("String").stringValue("{\"reason\":\"x\",\"reason_class\":\"invalid-event\"}").build()), null);

            // --max: message by message, in this process (a move task would run inside SQS, out of reach of the kill)
            Process redrive = start(local, queues, dir.resolve("redrive.log"), "--max", String.valueOf(MESSAGES));
            try {
                // halfway by progress: killed once half of the copies are on the orders queue
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> local.visible(queues.queueUrl()) >= MESSAGES / 2 || !redrive.isAlive());
                assertThat(redrive.isAlive()).as("still moving when killed; log:%n%s", log(dir)).isTrue();
            } finally {
                redrive.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }

            Set<String> onOrdersQueue = new HashSet<>();
            Set<String> inDlq = new HashSet<>();
            // the killed run's received messages return to the DLQ when their visibility timeout ends
            await().atMost(Duration.ofSeconds(MessageMover.VISIBILITY_SECONDS + 15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        local.drain(queues.queueUrl()).forEach(message -> onOrdersQueue.add(message.body()));
                        local.drain(queues.dlqUrl()).forEach(message -> inDlq.add(message.body()));
                        return local.inFlight(queues.dlqUrl()) == 0 && local.visible(queues.dlqUrl()) == 0;
                    });

            Set<String> found = new HashSet<>(onOrdersQueue);
            found.addAll(inDlq);
            assertThat(found).as("in one queue or both, never missing").containsExactlyInAnyOrderElementsOf(bodies);
            assertThat(onOrdersQueue).as("at least half were moved").hasSizeGreaterThanOrEqualTo(MESSAGES / 2);
            assertThat(inDlq).as("some were not moved yet").isNotEmpty();
        }
    }

    /** The command in a JVM of its own, configured by its environment only. */
    private static Process start(LocalSqs local, Queues queues, Path log, String... args) throws IOException {
        Map<String, String> env = new HashMap<>(queues.environment());
        env.putAll(Map.of("AWS_ENDPOINT_URL_SQS", local.endpoint(),
                "AWS_ACCESS_KEY_ID", LocalSqs.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalSqs.ACCESS_KEY));
        return CommandProcess.start(env, log, "redrive", args);
    }

    private static String log(Path dir) throws IOException {
        return Files.readString(dir.resolve("redrive.log"));
    }
}
