package com.orderrouter.ops;

import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.orderrouter.testing.LogCapture;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import static org.assertj.core.api.Assertions.assertThat;

/** Backoff and logging of a queue's consumer while its polls fail, on a clock the test moves. */
class PollBackoffTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PollBackoff backoff = new PollBackoff("orders", Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60), meters, now::get);
    private final LogCapture log = LogCapture.of(PollBackoff.class);
    private final Exception reset = SdkClientException.create("Unable to execute HTTP request: Connection reset",
            new SocketException("Connection reset"));
    /** What the SDK throws when a poll's queue was deleted (as ElasticMQ answers it). */
    private final Exception deleted = QueueDoesNotExistException.builder().statusCode(400)
            .message("The specified queue does not exist.")
            .awsErrorDetails(AwsErrorDetails.builder().serviceName("Sqs").errorCode("QueueDoesNotExist").build()).build();
    private static final String DELETED = "The specified queue does not exist. (Service: Sqs, Status Code: 400, "
            + "Request ID: null)";

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void pollsRunFreelyUntilOneFails() {
        assertThat(backoff.begin(null, null)).isTrue();
        backoff.commit(null, null, 10);
        assertThat(backoff.begin(null, null)).isTrue();
        assertThat(log.lines()).isEmpty();
    }

    @Test
    void probesComeAfterOneTwoFourSecondsAndSoOnUpToThirty() {
        assertThat(backoff.begin(null, null)).isTrue();
        assertThat(backoff.rollback(null, null, 0, reset)).as("asks for a retry that begin declines").isTrue();

        long[] waits = {1, 2, 4, 8, 16, 30, 30};
        for (long wait : waits) {
            advanceMillis(wait * 1000 - 1);
            assertThat(backoff.begin(null, null)).as("still backing off %d s", wait).isFalse();
            advanceMillis(1);
            assertThat(backoff.begin(null, null)).as("probe after %d s", wait).isTrue();
            assertThat(backoff.begin(null, null)).as("one probe at a time").isFalse();
            backoff.rollback(null, null, 0, reset);
        }
        assertThat(meters.counter("orders.poll.failures", "queue", "orders").count()).isEqualTo(8);
    }

    @Test
    void pollsAlreadyWaitingWhenTheOutageBeganDoNotLengthenTheBackoff() {
        // ten consumers' long polls fail at the same moment
        for (int i = 0; i < 10; i++) {
            backoff.rollback(null, null, 0, reset);
        }
        advanceMillis(1000);
        assertThat(backoff.begin(null, null)).as("the first probe still comes after 1 s").isTrue();
        assertThat(meters.counter("orders.poll.failures", "queue", "orders").count()).isEqualTo(10);
    }

    @Test
    void anOutageLogsOneWarningThenASummaryAMinuteAndOneLineWhenItEnds() {
        backoff.begin(null, null);
        backoff.rollback(null, null, 0, reset);
        for (int i = 0; i < 13; i++) {
            advanceMillis(5_000);
            backoff.begin(null, null);
            backoff.rollback(null, null, 0, reset);
        }
        advanceMillis(30_000);
        backoff.begin(null, null);
        // a long poll that answers after 20 s: the queue answered when it began
        advanceMillis(20_000);
        backoff.commit(null, null, 0);

        assertThat(log.lines()).containsExactly(
                "WARN orders queue unreachable, polling backs off from 1 s up to 30 s: Connection reset",
                "WARN orders queue unreachable for 60 s, 13 failed polls: Connection reset",
                "INFO orders queue reachable again after 95 s, 14 failed polls");
        assertThat(log.events()).allSatisfy(event -> assertThat(event.getThrown()).isNull());
    }

    @Test
    void aDeletedQueueIsLoggedAsNotExistingNotAsUnreachableAndItsReturnAsExistingAgain() {
        backoff.begin(null, null);
        backoff.rollback(null, null, 0, deleted);
        for (int i = 0; i < 12; i++) {
            advanceMillis(5_000);
            backoff.begin(null, null);
            backoff.rollback(null, null, 0, deleted);
        }
        advanceMillis(30_000);
        backoff.begin(null, null);
        backoff.commit(null, null, 0);

        assertThat(log.lines()).containsExactly(
                "WARN orders queue does not exist (deleted?), polling backs off from 1 s up to 30 s: " + DELETED,
                "WARN orders queue does not exist (deleted?) for 60 s, 13 failed polls: " + DELETED,
                "INFO orders queue exists again after 90 s, 13 failed polls");
    }

    @Test
    void aQueueDeletedDuringAnOutageIsLoggedWhenItsFailuresChange() {
        backoff.rollback(null, null, 0, reset);
        advanceMillis(1000);
        backoff.begin(null, null);
        backoff.rollback(null, null, 0, reset);
        advanceMillis(2000);
        backoff.begin(null, null);
        backoff.rollback(null, null, 0, deleted);

        assertThat(log.lines()).containsExactly(
                "WARN orders queue unreachable, polling backs off from 1 s up to 30 s: Connection reset",
                "WARN orders queue does not exist (deleted?) now, 3 s into the outage: " + DELETED);
    }

    @Test
    void theFirstGoodPollResetsTheBackoff() {
        backoff.rollback(null, null, 0, reset);
        advanceMillis(1000);
        backoff.begin(null, null);
        backoff.rollback(null, null, 0, reset);
        advanceMillis(2000);
        backoff.begin(null, null);
        backoff.commit(null, null, 3);

        assertThat(backoff.begin(null, null)).isTrue();
        backoff.rollback(null, null, 0, reset);
        advanceMillis(1000);
        assertThat(backoff.begin(null, null)).as("a new outage starts again at 1 s").isTrue();
    }

    private void advanceMillis(long millis) {
        now.addAndGet(millis * 1_000_000L);
    }
}
