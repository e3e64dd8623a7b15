package com.orderrouter.ops;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Poll strategy of one queue's consumer (the {@code pollStrategy} option): while polls fail, the consumer backs off
 * exponentially, {@code first} doubling up to {@code max}, and resets on the first good poll.
 * <p>
 * Camel's own {@code backoffErrorThreshold}/{@code backoffMultiplier} skip a fixed number of polls (not exponential),
 * and its counters are shared by all {@code concurrentConsumers} threads of an endpoint. Here, during an outage only one
 * thread at a time makes a probe poll, when the backoff has passed; the others are told not to begin (no request). So
 * an outage costs one ReceiveMessage (plus the SDK's retries) per backoff interval per queue, whatever the number of
 * consumers.
 * <p>
 * Logging: one WARN when polls start failing (the cause, no stack trace), a WARN summary at most once per
 * {@code summaryInterval} while it lasts, one INFO when a poll works again. Each line says what the failure means
 * ({@link DependencyFault}): a queue that does not answer is "unreachable", one that SQS says does not exist is
 * "deleted" (it keeps backing off: Terraform may create it again), and a WARN marks a change from one to the other
 * during an outage. Failed polls are counted in
 * {@code orders.poll.failures{queue}}. Camel logs nothing itself: {@link #rollback} asks for a retry, which the next
 * {@link #begin} declines, so the consumer never hands the error to its exception handler (its WARN with the endpoint
 * URI); camel-aws2-sqs's own ERROR with the stack trace is filtered in log4j2.xml.
 */
public class PollBackoff implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(PollBackoff.class);

    private final String queue;
    private final long firstNanos;
    private final long maxNanos;
    private final long summaryNanos;
    private final LongSupplier nanoTime;
    private final Counter failures;
    /**
     * When this thread's current poll began, if it is a probe made during an outage (its failure doubles the backoff;
     * its success ends the outage as of then, not when its long poll returns); 0 otherwise.
     */
    private final ThreadLocal<Long> probeStart = ThreadLocal.withInitial(() -> 0L);

    // outage state, guarded by this
    private boolean outage;
    private long outageStart;
    private long backoff;
    private long nextProbe;
    private long lastSummary;
    private long failedPolls;
    private String lastCause;
    private DependencyFault fault;

    /**
     * @param queue           the queue's short name, for log lines and the metric's {@code queue} tag ("orders", "dead-letter")
     * @param first           backoff after the first failed poll
     * @param max             the longest backoff
     * @param summaryInterval at most one summary line per this interval while polls fail
     */
    public PollBackoff(String queue, Duration first, Duration max, Duration summaryInterval, MeterRegistry registry) {
        this(queue, first, max, summaryInterval, registry, System::nanoTime);
    }

    PollBackoff(String queue, Duration first, Duration max, Duration summaryInterval, MeterRegistry registry,
            LongSupplier nanoTime) {
        this.queue = queue;
        this.firstNanos = first.toNanos();
        this.maxNanos = max.toNanos();
        this.summaryNanos = summaryInterval.toNanos();
        this.nanoTime = nanoTime;
        this.failures = Counter.builder("orders.poll.failures").tag("queue", queue)
                .description("polls of the queue that failed (unreachable, throttled, deleted, denied)")
                .register(registry);
    }

    /** @return false while backing off, so this consumer thread makes no request; one thread probes when it ends */
    @Override
    public synchronized boolean begin(Consumer consumer, Endpoint endpoint) {
        if (!outage) {
            probeStart.set(0L);
            return true;
        }
        long now = nanoTime.getAsLong();
        if (now - nextProbe < 0) {
            return false;
        }
        // this thread probes; the others wait at least one more backoff unless the probe succeeds
        nextProbe = now + backoff;
        probeStart.set(now);
        return true;
    }

    @Override
    public synchronized void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        if (outage) {
            long answeredAt = probeStart.get() != 0 ? probeStart.get() : nanoTime.getAsLong();
            LOG.info("{} queue {} again after {} s, {} failed polls", queue,
                    fault == DependencyFault.DOES_NOT_EXIST ? "exists" : "reachable", seconds(answeredAt - outageStart),
                    failedPolls);
            outage = false;
        }
        probeStart.set(0L);
    }

    /** Counts and logs the failure and backs off; always answers "retry", which {@link #begin} then declines. */
    @Override
    public synchronized boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        failures.increment();
        long now = nanoTime.getAsLong();
        lastCause = describe(cause);
        DependencyFault was = fault;
        fault = DependencyFault.of(cause);
        if (!outage) {
            outage = true;
            outageStart = now;
            lastSummary = now;
            failedPolls = 1;
            backoff = firstNanos;
            LOG.warn("{} queue {}, polling backs off from {} s up to {} s: {}", queue, state(fault),
                    seconds(firstNanos), seconds(maxNanos), lastCause);
        } else {
            failedPolls++;
            if (fault != was) {
                LOG.warn("{} queue {} now, {} s into the outage: {}", queue, state(fault), seconds(now - outageStart),
                        lastCause);
            }
            if (probeStart.get() != 0) {
                // polls that were already waiting when the outage began do not count as probes
                backoff = Math.min(maxNanos, backoff * 2);
            }
        }
        probeStart.set(0L);
        nextProbe = now + backoff;
        if (now - lastSummary >= summaryNanos) {
            lastSummary = now;
            LOG.warn("{} queue {} for {} s, {} failed polls: {}", queue, state(fault), seconds(now - outageStart),
                    failedPolls, lastCause);
        }
        return true;
    }

    /** What a failed poll says about the queue, as in "orders queue unreachable". */
    private static String state(DependencyFault fault) {
        return switch (fault) {
            case UNREACHABLE -> "unreachable";
            case DOES_NOT_EXIST -> "does not exist (deleted?)";
            case ACCESS_DENIED -> "access denied";
            case NO_CREDENTIALS -> "not callable: no AWS credentials";
            case REJECTED -> "rejects the requests";
        };
    }

    /** The innermost cause's message ("Connection reset"), or its class when it has none. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }
}
