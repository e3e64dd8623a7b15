package com.orderrouter.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.orderrouter.ack.BatchedDeletes;
import com.orderrouter.archive.AlertText;
import com.orderrouter.archive.DeadLetterArchive;
import com.orderrouter.dynamodb.ItemWrites;
import com.orderrouter.failure.DeadLetterQueue;
import com.orderrouter.failure.FailureClassifier;
import com.orderrouter.failure.MessageGroups;
import com.orderrouter.failure.OrdersRedrivePolicy;
import com.orderrouter.failure.Quoted;
import com.orderrouter.failure.ProcessingOutcomes;
import com.orderrouter.failure.VisibilityBackoff;
import com.orderrouter.ingest.EventContracts;
import com.orderrouter.ingest.EventRules;
import com.orderrouter.ingest.MessageSizeLimit;
import com.orderrouter.ingest.SqsAttributeHeaders;
import com.orderrouter.ops.CloudWatchMetrics;
import com.orderrouter.ops.ConsumerErrors;
import com.orderrouter.ops.Dependency;
import com.orderrouter.ops.DependencyCheck;
import com.orderrouter.ops.PollBackoff;
import com.orderrouter.ops.StartupDependencyCheck;
import com.orderrouter.ops.TraceContext;
import com.orderrouter.ops.Tracing;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.vertx.core.VertxOptions;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The beans the YAML routes refer to by name. */
@Configuration
public class OrderRouterConfiguration implements CamelConfiguration {

    @PropertyInject("orders.queue.url")
    private String queueUrl;

    @PropertyInject("orders.dlq.url")
    private String dlqUrl;

    @PropertyInject("aws.region")
    private String region;

    @PropertyInject(value = "orders.metrics.cloudwatch-enabled", defaultValue = "false")
    private boolean cloudWatchEnabled;

    @PropertyInject(value = "orders.metrics.cloudwatch-step-seconds", defaultValue = "60")
    private int cloudWatchStepSeconds;

    /** CAMEL_CLI_ENABLED; false where no setting is applied (route tests, validate-routes). */
    @PropertyInject(value = "orders.camel-cli.enabled", defaultValue = "false")
    private boolean camelCliEnabled;

    @PropertyInject("orders.delete.flush-ms")
    private long deleteFlushMillis;

    @PropertyInject("orders.tracing.otlp-endpoint")
    private String otlpEndpoint;

    @PropertyInject("orders.management.worker-threads")
    private int managementWorkerThreads;

    @PropertyInject("orders.archive.bucket")
    private String archiveBucket;

    @PropertyInject("orders.alerts.topic-arn")
    private String alertsTopicArn;

    @PropertyInject("orders.poll.backoff.first-ms")
    private long pollBackoffFirstMillis;

    @PropertyInject("orders.poll.backoff.max-ms")
    private long pollBackoffMaxMillis;

    @PropertyInject("orders.poll.outage-summary-seconds")
    private long outageSummarySeconds;

    @PropertyInject(AlertText.PROPERTY)
    private String alertTextTemplate;

    @PropertyInject("orders.routes-dir")
    private String routesDir;

    @PropertyInject("orders.events.max-clock-skew-seconds")
    private long maxClockSkewSeconds;

    @PropertyInject(SqsAttributeHeaders.PROPERTY)
    private String headerAttributes;

    /**
     * Strict JSON for order events: trailing garbage after the object and duplicate keys are errors (Jackson accepts both by
     * default). Field types are the contracts' business (EventContracts).
     */
    @BindToRegistry
    public ObjectMapper orderEventMapper() {
        // a parse error quotes at most 100 characters of the offending token or content (and says how many more)
        JsonFactory factory = JsonFactory.builder().errorReportConfiguration(ErrorReportConfiguration.builder()
                .maxErrorTokenLength(Quoted.MAX_QUOTED).maxRawContentLength(Quoted.MAX_QUOTED).build()).build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // amounts keep their exact decimal text (49.90 stays 49.90, never a binary double)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .build();
        return mapper;
    }

    /**
     * Header filter of both SQS consumers: only the message attributes named in orders.sqs.header-attributes become
     * headers, so no producer can set a header an endpoint or bean reads (see SqsAttributeHeaders).
     */
    @BindToRegistry
    public HeaderFilterStrategy sqsAttributeHeaders() {
        return SqsAttributeHeaders.allowing(headerAttributes);
    }

    /**
     * Vert.x for the management server. Health and metrics requests run on its worker pool, which grows by a thread per
     * request up to its size (20 by default) and never shrinks; probes and scrapes need a few.
     */
    @BindToRegistry
    public VertxOptions managementVertxOptions() {
        return new VertxOptions().setWorkerPoolSize(managementWorkerThreads);
    }

    /** Readiness: the orders queue answers. Each dependency check also runs once at start-up (see configure). */
    @BindToRegistry
    public DependencyCheck ordersQueueCheck(CamelContext camelContext) {
        return new DependencyCheck("orders-queue", List.of(queue("QUEUE_URL", queueUrl, camelContext)));
    }

    @BindToRegistry
    public DependencyCheck deadLetterQueueCheck(CamelContext camelContext) {
        return new DependencyCheck("dead-letter-queue", List.of(queue("DLQ_URL", dlqUrl, camelContext)));
    }

    /** The dead-letter path's S3 bucket and SNS topic, checked with the calls the task role has for it (iam.tf). */
    @BindToRegistry
    public DependencyCheck deadLetterArchiveCheck(CamelContext camelContext) {
        return new DependencyCheck("dead-letter-archive", List.of(
                new Dependency("DLQ_BUCKET", archiveBucket, "S3", () -> camelContext.getRegistry()
                        .lookupByNameAndType("s3Client", S3Client.class).headBucket(b -> b.bucket(archiveBucket))),
                new Dependency("ALERTS_TOPIC", alertsTopicArn, "SNS", () -> camelContext.getRegistry()
                        .lookupByNameAndType("snsClient", SnsClient.class)
                        .getTopicAttributes(b -> b.topicArn(alertsTopicArn)))));
    }

    /** A queue checked with GetQueueAttributes (its QueueArn), which the task role may call on both queues. */
    private static Dependency queue(String setting, String url, CamelContext camelContext) {
        return new Dependency(setting, url, "SQS", () -> sqsClient(camelContext).get()
                .getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)));
    }

    /**
     * The event contracts beside the routes (ROUTES_DIR/contracts), read and compiled once, with the rules every event
     * shares (Unicode, DynamoDB's numbers, the timestamp's range) on the system clock.
     */
    @BindToRegistry
    public EventContracts eventContracts(ObjectMapper orderEventMapper) {
        return new EventContracts(Path.of(routesDir, "contracts"),
                new EventRules(Clock.systemUTC(), Duration.ofSeconds(maxClockSkewSeconds)), orderEventMapper);
    }

    /** Checks the DynamoDB writes the route files declare, at start-up (see configure), and tells stale updates apart. */
    @BindToRegistry
    public ItemWrites itemWrites() {
        return new ItemWrites();
    }

    /** The orders queue's MaximumMessageSize, read when the service starts (see configure). */
    @BindToRegistry
    public MessageSizeLimit messageSizeLimit(CamelContext camelContext) {
        return new MessageSizeLimit(sqsClient(camelContext), queueUrl, "Orders queue");
    }

    /** The DLQ's MaximumMessageSize, read when the service starts: does a DLQ copy fit (see DeadLetterQueue)? */
    @BindToRegistry
    public MessageSizeLimit deadLetterSizeLimit(CamelContext camelContext) {
        return new MessageSizeLimit(sqsClient(camelContext), dlqUrl, "Dead-letter queue");
    }

    @BindToRegistry
    public FailureClassifier failureClassifier() {
        return new FailureClassifier();
    }

    /**
     * Where our meters go: the Prometheus registry camel-observability-services creates before configurations run (so
     * one scrape at /observe/metrics has Camel's metrics and ours), plus CloudWatch when METRICS_CLOUDWATCH_ENABLED.
     */
    @BindToRegistry(destroyMethod = "close")
    public CompositeMeterRegistry orderMetrics(@BeanInject("metricsRegistry") MeterRegistry metricsRegistry) {
        CompositeMeterRegistry metrics = new CompositeMeterRegistry();
        metrics.add(metricsRegistry);
        if (cloudWatchEnabled) {
            // region and endpoint as for the other clients: the SDK's chains (AWS_ENDPOINT_URL_CLOUDWATCH)
            metrics.add(CloudWatchMetrics.registry(CloudWatchAsyncClient.builder().region(Region.of(region)).build(),
                    Duration.ofSeconds(cloudWatchStepSeconds)));
        }
        return metrics;
    }

    /**
     * Turns tracing on, when spans are exported, once the tracer and propagators below are bound (camel-opentelemetry2
     * looks them up when it starts; the auto-configured one would start earlier and fall back to a no-op global).
     * Without an exporter the caller's trace context is passed on as it came (see Tracing).
     */
    @Override
    public void configure(CamelContext camelContext) throws Exception {
        camelCli(camelContext, camelCliEnabled);
        if (Tracing.exporting(otlpEndpoint)) {
            new OpenTelemetryTracer().init(camelContext);
        }
        // the DynamoDB writes the route files declare, checked before any route starts
        camelContext.addStartupListener(camelContext.getRegistry().lookupByNameAndType("itemWrites", ItemWrites.class));
        // a service, so Camel stops it after the routes have drained and its last deletes are sent
        camelContext.addService(camelContext.getRegistry().lookupByNameAndType("batchedDeletes", BatchedDeletes.class)
                .lifecycle());
        // reads the orders queue's redrive policy when the context starts
        camelContext.addService(camelContext.getRegistry().lookupByNameAndType("ordersRedrivePolicy",
                OrdersRedrivePolicy.class));
        // a service, so the queue's size limit is read before the routes consume
        camelContext.addService(camelContext.getRegistry().lookupByNameAndType("messageSizeLimit", MessageSizeLimit.class));
        camelContext.addService(camelContext.getRegistry().lookupByNameAndType("deadLetterSizeLimit",
                MessageSizeLimit.class));
        // every dependency checked before the services above read the queues: one that does not exist or may not be
        // used, or no credentials, stops start-up naming the setting or the credential chain (StartupDependencyCheck)
        camelContext.addStartupListener(new StartupDependencyCheck(Stream.of("ordersQueueCheck",
                "deadLetterQueueCheck", "deadLetterArchiveCheck")
                .map(name -> camelContext.getRegistry().lookupByNameAndType(name, DependencyCheck.class)).toList()));
    }

    /**
     * camel-cli-connector, which Camel starts whenever it is on the classpath, only with CAMEL_CLI_ENABLED=true: it
     * writes this process's status under ~/.camel every second and polls there for actions, for Camel's CLI (camel
     * get, camel trace) on the same machine; in the container, whose user has no home, it could only log a warning.
     * With it, the backlog tracer is installed on standby, idle until {@code camel trace --action=start}. Set before
     * the context starts, which is when the connector starts.
     */
    private static void camelCli(CamelContext camelContext, boolean enabled) {
        CliConnectorFactory connector = camelContext.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (connector != null) {
            connector.setEnabled(enabled);
        }
        if (enabled) {
            camelContext.setBacklogTracingStandby(true);
        }
    }

    /** Consumed messages are deleted in batches of up to 10 (see BatchedDeletes), not one request each. */
    @BindToRegistry
    public BatchedDeletes batchedDeletes(CamelContext camelContext) {
        return new BatchedDeletes(deleteFlushMillis, camelContext.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "BatchedDeletes"));
    }

    /** Spans for camel-opentelemetry2 (one per message), when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
    @BindToRegistry(destroyMethod = "close")
    public SdkTracerProvider tracerProvider() {
        return Tracing.tracerProvider(otlpEndpoint);
    }

    @BindToRegistry
    public Tracer orderTracer(SdkTracerProvider tracerProvider) {
        return tracerProvider.get("order-router");
    }

    /** Normalises a dead letter's trace context for its alert (route dead-letter-to-s3-and-sns). */
    @BindToRegistry
    public TraceContext traceContext() {
        return new TraceContext();
    }

    @BindToRegistry
    public ContextPropagators tracePropagators() {
        return Tracing.propagators();
    }

    /**
     * Lazy (created at its first lookup, by a bean that needs it), as is {@link #messageGroups}: Camel binds the
     * one-parameter methods of a configuration in the order reflection lists them, which differs between JVM runs, so
     * an eager bean whose parameter is another one-parameter bean's result could be bound before it and fail start-up.
     */
    @BindToRegistry(lazy = true)
    public ProcessingOutcomes processingOutcomes(CompositeMeterRegistry orderMetrics, EventContracts eventContracts) {
        return new ProcessingOutcomes(orderMetrics, eventContracts.types());
    }

    /**
     * Poll strategy of the orders queue's consumer: exponential backoff while polls fail (see PollBackoff). Its counter
     * goes to the Prometheus registry camel-observability-services creates before configurations run (a parameter of
     * type CompositeMeterRegistry would depend on the order Camel happens to bind these methods in).
     */
    @BindToRegistry
    public PollBackoff ordersPollBackoff(@BeanInject("metricsRegistry") MeterRegistry metricsRegistry) {
        return pollBackoff("orders", metricsRegistry);
    }

    /** The same for the dead-letter queue's consumer, with its own state and {@code queue=dead-letter} tag. */
    @BindToRegistry
    public PollBackoff deadLetterPollBackoff(@BeanInject("metricsRegistry") MeterRegistry metricsRegistry) {
        return pollBackoff("dead-letter", metricsRegistry);
    }

    private PollBackoff pollBackoff(String queue, MeterRegistry metricsRegistry) {
        return new PollBackoff(queue, Duration.ofMillis(pollBackoffFirstMillis), Duration.ofMillis(pollBackoffMaxMillis),
                Duration.ofSeconds(outageSummarySeconds), metricsRegistry);
    }

    /** Exception handler of both SQS consumers: failures the error handling already logged are not logged again. */
    @BindToRegistry
    public ConsumerErrors consumerErrors() {
        return new ConsumerErrors();
    }

    /** The orders queue's maxReceiveCount, read from its redrive policy when the service starts (a service). */
    @BindToRegistry
    public OrdersRedrivePolicy ordersRedrivePolicy(CamelContext camelContext, ObjectMapper orderEventMapper) {
        return new OrdersRedrivePolicy(sqsClient(camelContext), queueUrl, orderEventMapper);
    }

    @BindToRegistry(beanPostProcess = true)
    public DeadLetterQueue deadLetterQueue(CamelContext camelContext, FailureClassifier failureClassifier,
            ProcessingOutcomes processingOutcomes, OrdersRedrivePolicy ordersRedrivePolicy,
            ObjectMapper orderEventMapper) {
        // looked up when used: beans of this class, which Camel may bind after this one
        return new DeadLetterQueue(sqsClient(camelContext), failureClassifier, processingOutcomes, ordersRedrivePolicy,
                orderEventMapper,
                () -> camelContext.getRegistry().lookupByNameAndType("deadLetterSizeLimit", MessageSizeLimit.class),
                () -> camelContext.getRegistry().lookupByNameAndType("deadLetterArchive", DeadLetterArchive.class));
    }

    /** The registry's SQS client when it is used, as the endpoints' #sqsClient is (tests replace it). */
    private static Supplier<SqsClient> sqsClient(CamelContext camelContext) {
        return () -> camelContext.getRegistry().lookupByNameAndType("sqsClient", SqsClient.class);
    }

    @BindToRegistry(beanPostProcess = true)
    public DeadLetterArchive deadLetterArchive(CamelContext camelContext, CompositeMeterRegistry orderMetrics,
            ProcessingOutcomes outcomes, ObjectMapper orderEventMapper) {
        return new DeadLetterArchive(orderMetrics, outcomes, orderEventMapper,
                () -> camelContext.getRegistry().lookupByNameAndType("s3Client", S3Client.class),
                new AlertText(alertTextTemplate, archiveBucket));
    }

    /**
     * FIFO: a failed message's group waits for it (the later messages of its receive are released with it). Lazy, as
     * {@link #processingOutcomes} is.
     */
    @BindToRegistry(lazy = true)
    public MessageGroups messageGroups(ProcessingOutcomes processingOutcomes) {
        return new MessageGroups(processingOutcomes);
    }

    @BindToRegistry(beanPostProcess = true)
    public VisibilityBackoff visibilityBackoff(FailureClassifier failureClassifier, ProcessingOutcomes processingOutcomes,
            MessageGroups messageGroups) {
        return new VisibilityBackoff(failureClassifier, processingOutcomes, messageGroups);
    }
}
