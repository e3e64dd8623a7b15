package com.orderrouter.replay;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.orderrouter.cli.CliRun;
import com.orderrouter.cli.CommandProcess;
import com.orderrouter.redrive.LocalSqs;
import com.orderrouter.redrive.LocalSqs.Queues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay killed with SIGKILL part-way, then run again: every archived dead letter reaches the orders queue, and at
 * most one (the one in flight at the kill: sent, not yet marked) twice.
 */
class ReplayInterruptionIT {

    /** Enough that the replay is still going when half of them are marked. */
    private static final int DEAD_LETTERS = 400;
    private static final Instant DAY = Instant.parse("2026-11-05T08:00:00Z");

    @Test
    void killedMidwayARerunSendsEveryRemainingOneAndAtMostTheOneInFlightTwice(@TempDir Path dir) throws Exception {
        try (LocalSqs sqs = LocalSqs.start(); LocalArchive archive = new LocalArchive()) {
            Queues queues = sqs.newQueues(false, 3);
            String bucket = archive.newBucket();
            List<String> bodies = IntStream.range(0, DEAD_LETTERS).mapToObj(i -> "{\"order_id\":\"o-" + i + "\"}")
                    .toList();
            for (int i = 0; i < DEAD_LETTERS; i++) {
                archive.put(bucket, LocalArchive.record(DAY.plusMillis(i), bodies.get(i), Map.of(), "invalid-event",
                        "bad", null));
            }
            Map<String, String> env = new HashMap<>(Map.of("DLQ_BUCKET", bucket, "QUEUE_URL", queues.queueUrl(),
                    "AWS_REGION", LocalSqs.REGION.id()));
            Path log = dir.resolve("replay.log");

            Process replay = CommandProcess.start(withEndpoints(env, sqs, archive), log, "replay", "--from",
                    "2026-11-05", "--to", "2026-11-05");
            try {
                // killed by observed progress: once half are marked, while it is still running
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> archive.keys(bucket, "replayed/").size() >= DEAD_LETTERS / 2
                                || !replay.isAlive());
                assertThat(replay.isAlive()).as("still replaying when killed; log:%n%s", Files.readString(log))
                        .isTrue();
            } finally {
                replay.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL on Linux
            }
            // settled: S3Proxy may still finish the killed run's last marker PUT, or drop the object of an
            // interrupted one (once a listing counted 201 markers and the rerun then found 200)
            AtomicInteger marked = new AtomicInteger(-1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300))
                    .until(() -> marked.getAndSet(archive.keys(bucket, "replayed/").size()) == marked.get());
            int markedAtKill = marked.get();
            List<Message> firstRun = sqs.drain(queues.queueUrl());
            assertThat(markedAtKill).as("killed part-way").isBetween(1, DEAD_LETTERS - 1);
            assertThat(firstRun.size()).as("sent: every marked one, and maybe the one in flight")
                    .isBetween(markedAtKill, markedAtKill + 1);

            long started = System.nanoTime();
            CliRun rerun = CliRun.run(env, InputStream.nullInputStream(), region -> sqs.newClient(),
                    region -> archive.newClient(), "replay", "--from", "2026-11-05", "--to", "2026-11-05");

            long rerunMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(rerun.exit()).as(rerun.err()).isZero();
            assertThat(rerun.outLines()).last().isEqualTo("replayed=" + (DEAD_LETTERS - markedAtKill)
                    + " skipped-already-replayed=" + markedAtKill + " failed=0");
            List<Message> secondRun = sqs.drain(queues.queueUrl());
            Map<String, Long> copies = Stream.concat(firstRun.stream(), secondRun.stream())
                    .collect(Collectors.groupingBy(Message::body, Collectors.counting()));
            assertThat(copies.keySet()).as("none missing").containsExactlyInAnyOrderElementsOf(bodies);
            assertThat(copies.values().stream().filter(n -> n > 1).count()).as("sent twice").isLessThanOrEqualTo(1);
            assertThat(copies.values()).allMatch(n -> n <= 2);
            assertThat(archive.keys(bucket, "replayed/")).hasSize(DEAD_LETTERS);
            System.out.printf("replay killed after %d of %d marked, %d sent; rerun replayed %d in %d ms, skipped %d; "
                    + "sent twice: %d%n", markedAtKill, DEAD_LETTERS, firstRun.size(), DEAD_LETTERS - markedAtKill,
                    rerunMillis, markedAtKill, copies.values().stream().filter(n -> n > 1).count());
        }
    }

    private static Map<String, String> withEndpoints(Map<String, String> env, LocalSqs sqs, LocalArchive archive) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(Map.of("AWS_ENDPOINT_URL_SQS", sqs.endpoint(), "AWS_ENDPOINT_URL_S3", archive.endpoint(),
                "AWS_ACCESS_KEY_ID", LocalSqs.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalSqs.ACCESS_KEY));
        return all;
    }
}
