package com.orderrouter.config;

import java.util.List;
import java.util.function.Function;

/**
 * Every environment variable the service reads, in one place. Start-up validates them all before Camel starts and
 * names each one that is missing or invalid; README's configuration table and the Terraform task definition are
 * checked against this list.
 */
public enum Setting {
    QUEUE_URL("orders.queue.url", null, ValueChecks::sqsQueueUrl, "URL of the orders SQS queue"),
    DLQ_URL("orders.dlq.url", null, ValueChecks::sqsQueueUrl, "URL of the dead-letter queue poison messages go to"),
    TABLE_NAME("orders.table", null, Setting::tableName, "DynamoDB table holding the orders"),
    DLQ_BUCKET("orders.archive.bucket", null, Setting::bucketName,
            "S3 bucket dead-lettered messages are archived to (under failed/)"),
    ALERTS_TOPIC("orders.alerts.topic-arn", null, Setting::topicArn, "ARN of the SNS topic alerts are published to"),
    AWS_REGION("aws.region", null, Setting::region, "AWS region of the queues and the table"),
    CONCURRENT_CONSUMERS("orders.consumers", "10", v -> ValueChecks.intBetween(v, 1, 500),
            "parallel pollers on the orders queue (each takes up to 10 messages per poll)"),
    VISIBILITY_TIMEOUT_SECONDS("orders.visibility-timeout-seconds", "300", v -> ValueChecks.intBetween(v, 1, 43_200),
            "visibility timeout set on receive and extended while a message is being processed"),
    SHUTDOWN_TIMEOUT_SECONDS("camel.main.shutdown-timeout", "45", v -> ValueChecks.intBetween(v, 1, 3_600),
            "on SIGTERM, how long in-flight messages may take to finish (keep it below ECS's stopTimeout)"),
    MANAGEMENT_PORT("camel.management.port", "9876", v -> ValueChecks.intBetween(v, 1, 65_535),
            "port of /observe/health and /observe/metrics"),
    METRICS_CLOUDWATCH_ENABLED("orders.metrics.cloudwatch-enabled", "false", ValueChecks::bool,
            "also publish the processing metrics to CloudWatch (namespace OrderProcessing)"),
    OTEL_EXPORTER_OTLP_ENDPOINT("orders.tracing.otlp-endpoint", "", ValueChecks::httpUrl,
            "OTLP/HTTP collector for trace spans (e.g. http://localhost:4318); unset: spans are not exported"),
    LOG_LEVEL("orders.log-level", "INFO", Setting::logLevel, "TRACE, DEBUG, INFO, WARN or ERROR"),
    ROUTES_DIR("orders.routes-dir", "routes", Setting::notBlank, "folder the *.camel.yaml routes are loaded from"),
    ROUTES_RELOAD("camel.main.routes-reload-enabled", "false", ValueChecks::bool,
            "dev mode: reload a route live when its file in ROUTES_DIR changes"),
    CAMEL_CLI_ENABLED("orders.camel-cli.enabled", "false", ValueChecks::bool,
            "local troubleshooting: let Camel's CLI (camel get, camel trace) attach; writes status files under ~/.camel"),
    AWS_ENDPOINT_URL(null, "", ValueChecks::httpUrl, "optional endpoint for every AWS service (read by the AWS SDK)"),
    AWS_ENDPOINT_URL_SQS(null, "", ValueChecks::httpUrl, "optional SQS endpoint (read by the AWS SDK)"),
    AWS_ENDPOINT_URL_DYNAMODB(null, "", ValueChecks::httpUrl, "optional DynamoDB endpoint (read by the AWS SDK)"),
    AWS_ENDPOINT_URL_S3(null, "", ValueChecks::httpUrl, "optional S3 endpoint (read by the AWS SDK)"),
    AWS_ENDPOINT_URL_SNS(null, "", ValueChecks::httpUrl, "optional SNS endpoint (read by the AWS SDK)"),
    AWS_ENDPOINT_URL_CLOUDWATCH(null, "", ValueChecks::httpUrl, "optional CloudWatch endpoint (read by the AWS SDK)");

    /** Camel property the value is handed to, or null when only the AWS SDK reads it. */
    private final String property;
    /** Default when unset; null makes the variable required. */
    private final String defaultValue;
    /** Returns a problem description, or null when the value is acceptable. */
    private final Function<String, String> check;
    private final String description;

    Setting(String property, String defaultValue, Function<String, String> check, String description) {
        this.property = property;
        this.defaultValue = defaultValue;
        this.check = check;
        this.description = description;
    }

    public String property() {
        return property;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean required() {
        return defaultValue == null;
    }

    public String description() {
        return description;
    }

    /** @return null when the value is fine, else a message naming this variable. */
    String problemWith(String value) {
        if (value == null || value.isBlank()) {
            return required() ? name() + " is not set: " + description : null;
        }
        String problem = check.apply(value.trim());
        return problem == null ? null : name() + "=" + value + " is invalid: " + problem;
    }

    static List<Setting> all() {
        return List.of(values());
    }

    private static String tableName(String value) {
        return value.matches("[A-Za-z0-9_.-]{3,255}") ? null : "expected 3-255 characters of A-Z a-z 0-9 _ . -";
    }

    private static String bucketName(String value) {
        return value.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") ? null : "expected an S3 bucket name (3-63 of a-z 0-9 . -)";
    }

    private static String topicArn(String value) {
        return value.matches("arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?") ? null
                : "expected a topic ARN such as arn:aws:sns:eu-west-1:123456789012:orders-alerts";
    }

    private static String region(String value) {
        return value.matches("[a-z]{2}(-[a-z]+)+-\\d+") ? null : "expected a region name such as eu-west-1";
    }

    private static String logLevel(String value) {
        return List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(value.toUpperCase())
                ? null : "expected TRACE, DEBUG, INFO, WARN or ERROR";
    }

    private static String notBlank(String value) {
        return value.isBlank() ? "must not be blank" : null;
    }
}
