package com.orderrouter.ops;

import java.time.Duration;
import java.util.Set;

import io.micrometer.cloudwatch2.CloudWatchConfig;
import io.micrometer.cloudwatch2.CloudWatchMeterRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * Optional CloudWatch publishing (METRICS_CLOUDWATCH_ENABLED) of the article's metrics in namespace
 * {@code OrderProcessing}: {@code MessagesProcessed{Status=Success|Failure}} and {@code ProcessingDuration}, derived
 * from {@code orders.messages.processed{type, outcome}} and {@code orders.processing.duration}. Terraform's
 * processing-errors alarm watches {@code MessagesProcessed{Status=Failure}}.
 */
public final class CloudWatchMetrics {

    public static final String NAMESPACE = "OrderProcessing";
    /** Outcomes that count as Success; poison, retry and dead_lettered are Failure. */
    private static final Set<String> SUCCESSFUL = Set.of("success", "duplicate", "stale");
    private static final Set<String> ARTICLE_NAMES = Set.of("MessagesProcessed", "ProcessingDuration");

    private CloudWatchMetrics() {
    }

    public static CloudWatchMeterRegistry registry(CloudWatchAsyncClient client, Duration step) {
        CloudWatchConfig config = new CloudWatchConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String namespace() {
                return NAMESPACE;
            }

            @Override
            public Duration step() {
                return step;
            }
        };
        CloudWatchMeterRegistry registry = new CloudWatchMeterRegistry(config, Clock.SYSTEM, client);
        // Micrometer publishes a counter as "<name>.count"; the article's (and the alarm's) metric is MessagesProcessed
        registry.config().namingConvention((name, type, unit) -> type == Meter.Type.COUNTER && name.endsWith(".count")
                ? name.substring(0, name.length() - ".count".length()) : name);
        // Micrometer maps ids before it accepts them: renamed meters that map to the same id share one meter, so
        // the per-type counts add up per Status; everything else (Camel's, the JVM's) stays out of CloudWatch
        registry.config()
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        return articleName(id);
                    }
                })
                .meterFilter(MeterFilter.denyUnless(id -> ARTICLE_NAMES.contains(id.getName())));
        return registry;
    }

    static Meter.Id articleName(Meter.Id id) {
        if (id.getName().equals("orders.messages.processed")) {
            String status = SUCCESSFUL.contains(id.getTag("outcome")) ? "Success" : "Failure";
            return id.withName("MessagesProcessed").replaceTags(Tags.of("Status", status));
        }
        if (id.getName().equals("orders.processing.duration")) {
            return id.withName("ProcessingDuration").replaceTags(Tags.empty());
        }
        return id;
    }
}
