package com.orderrouter.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Function;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a command gets from outside: the environment its settings are read from ({@code QUEUE_URL}, {@code AWS_REGION},
 * ... as in {@link com.orderrouter.config.Setting}), the standard streams, and how it makes AWS clients. Commands
 * take it in their constructor so tests can run them with their own environment, streams and clients.
 *
 * @param sqs makes an SQS client for a region; the command closes it. The AWS SDK reads endpoints
 *            ({@code AWS_ENDPOINT_URL_SQS}) and credentials from the process environment itself.
 * @param s3  makes an S3 client for a region, the same way ({@code AWS_ENDPOINT_URL_S3}); the command closes it
 */
public record CommandContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
        Function<Region, SqsClient> sqs, Function<Region, S3Client> s3) {

    /** The process's own environment and streams, and default SDK clients whose errors name the failed call. */
    public static CommandContext system() {
        return new CommandContext(System.getenv(), System.in, System.out, System.err,
                region -> OperationInErrors.addTo(SqsClient.builder()).region(region).build(),
                region -> OperationInErrors.addTo(S3Client.builder()).region(region).build());
    }
}
