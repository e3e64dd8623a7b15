package com.orderrouter.replay;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.orderrouter.archive.DeadLetterRecord;
import com.orderrouter.cli.CliRun;
import com.orderrouter.failure.TypedAttribute;
import com.orderrouter.ingest.MessageSizeLimit;
import com.orderrouter.redrive.LocalSqs;
import com.orderrouter.redrive.LocalSqs.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code replay} over the wire: archive records in S3Proxy, the orders queue in ElasticMQ; a bucket per test. */
class ReplayCommandIT {

    private static final Instant DAY_1 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-11-04T10:00:00Z");

    /** One attribute of each kind SQS has: String, Number, Binary, and each with a custom type suffix. */
    private static final Map<String, TypedAttribute> MIXED = Map.of(
            "note", TypedAttribute.string("héllo wörld"),
            "amount", new TypedAttribute("Number", "42.5", null),
            "raw", new TypedAttribute("Binary", null, HexFormat.of().parseHex("00ff62696e")),
            "tenant", new TypedAttribute("String.tenant", "acme", null),
            "weight", new TypedAttribute("Number.kg", "3", null),
            "blob", new TypedAttribute("Binary.gzip", null, HexFormat.of().parseHex("1f8b")));

    private static LocalSqs sqs;
    private static LocalArchive archive;

    @BeforeAll
    static void start() {
        sqs = LocalSqs.start();
        archive = new LocalArchive();
    }

    @AfterAll
    static void stop() {
        archive.close();
        sqs.close();
    }

    @Test
    void replaysBodiesByteForByteWithTypedAttributesAndReplayedFromThenMarksEach() {
        Queues queues = sqs.newQueues(false, 3);
        String bucket = archive.newBucket();
        List<DeadLetterRecord> records = List.of(
                LocalArchive.record(DAY_1, "{\"type\":\"order_created\",\"data\":{\"order_id\":\"Ωμέγα-7\"}}", MIXED,
                        "invalid-event", "data.customer_id: is required", null),
                LocalArchive.record(DAY_1.plusSeconds(1), "  not JSON\r\n\t🙂 ", Map.of("note",
                        TypedAttribute.string("x")), "malformed-json", "body is not valid JSON", null),
                LocalArchive.record(DAY_1.plusSeconds(2), "{\"type\":\"order_shipped\"}", Map.of(), "unknown-type",
                        "type: unknown event type 'order_shipped'", null));
        records.forEach(record -> archive.put(bucket, record));

        CliRun run = replay(queues, bucket, "--from", "2026-11-02", "--to", "2026-11-02");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).hasSize(4).last().isEqualTo("replayed=3 skipped-already-replayed=0 failed=0");
        assertThat(run.outLines().subList(0, 3)).allMatch(line -> line.startsWith("replayed "));
        Map<String, Message> byBody = byBody(sqs.drain(queues.queueUrl()));
        assertThat(byBody).hasSize(3);
        for (DeadLetterRecord record : records) {
            Message sent = byBody.get(record.body());
            assertThat(sent).as("sent with the body byte for byte: %s", record.body()).isNotNull();
            Map<String, String> expected = new TreeMap<>(render(record.messageAttributes()));
            expected.put("replayed-from", "String:" + record.s3Key());
            assertThat(renderSqs(sent.messageAttributes())).isEqualTo(expected);
            JsonNode marker = archive.json(bucket, "replayed/" + record.s3Key());
            assertThat(marker.path("s3_key").asText()).isEqualTo(record.s3Key());
            assertThat(marker.path("replays")).hasSize(1);
            assertThat(marker.path("replays").get(0).path("message_id").asText()).isEqualTo(sent.messageId());
            assertThat(marker.path("replays").get(0).path("replayed_from_attribute").asBoolean()).isTrue();
        }
        assertThat(run.outLines()).contains("replayed " + records.get(0).sourceMessageId() + "  "
                + records.get(0).s3Key() + " as " + byBody.get(records.get(0).body()).messageId());
    }

    @Test
    void aSecondRunSkipsWhatWasReplayedAndAgainSendsItOnceMore() {
        Queues queues = sqs.newQueues(false, 3);
        String bucket = archive.newBucket();
        List<String> keys = IntStream.range(0, 4).mapToObj(i -> archive.put(bucket, LocalArchive.record(
                DAY_1.plusSeconds(i), "{\"n\":" + i + "}", Map.of(), "invalid-event", "bad", null))).toList();
        assertThat(replay(queues, bucket, "--from", "2026-11-02", "--max", "3").outLines()).last()
                .isEqualTo("replayed=3 skipped-already-replayed=0 failed=0");
        sqs.drain(queues.queueUrl());

        CliRun rerun = replay(queues, bucket, "--from", "2026-11-02");

        assertThat(rerun.exit()).isZero();
        assertThat(rerun.outLines()).last().isEqualTo("replayed=1 skipped-already-replayed=3 failed=0");
        assertThat(bodies(sqs.drain(queues.queueUrl()))).containsExactly("{\"n\":3}");

        CliRun nothingLeft = replay(queues, bucket, "--from", "2026-11-02");
        assertThat(nothingLeft.outLines()).containsExactly("replayed=0 skipped-already-replayed=4 failed=0");
        assertThat(sqs.visible(queues.queueUrl())).isZero();

        CliRun again = replay(queues, bucket, "--from", "2026-11-02", "--again");

        assertThat(again.exit()).isZero();
        assertThat(again.outLines()).last().isEqualTo("replayed=4 skipped-already-replayed=0 failed=0");
        assertThat(bodies(sqs.drain(queues.queueUrl()))).containsExactlyInAnyOrder("{\"n\":0}", "{\"n\":1}",
                "{\"n\":2}", "{\"n\":3}");
        for (String key : keys) {
            assertThat(archive.json(bucket, "replayed/" + key).path("replays")).as(key).hasSize(2);
        }
    }

    @Test
    void fifoKeepsTheMessageGroupAndOrderWithANewDeduplicationIdPerReplay() {
        Queues queues = sqs.newQueues(true, 3);
        String bucket = archive.newBucket();
        // archived in the group's order: first, then second (their keys, random ids, sort either way)
        DeadLetterRecord first = fifoRecord(DAY_2, "{\"type\":\"order_created\",\"data\":{\"order_id\":\"7\"}}");
        DeadLetterRecord second = fifoRecord(DAY_2.plusMillis(5),
                "{\"type\":\"order_updated\",\"data\":{\"order_id\":\"7\",\"status\":\"paid\"}}");
        archive.put(bucket, second);
        archive.put(bucket, first);

        CliRun run = replay(queues, bucket, "--from", "2026-11-03", "--to", "2026-11-03");

        assertThat(run.exit()).as(run.err()).isZero();
        List<Message> received = receiveInOrder(queues.queueUrl());
        assertThat(bodies(received)).containsExactly(first.body(), second.body());
        assertThat(received).allSatisfy(message -> {
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID)).isEqualTo("order-7");
            assertThat(message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                    .isNotBlank().isNotEqualTo("original-dedup");
        });
        assertThat(received.get(0).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .isNotEqualTo(received.get(1).attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));

        // within SQS's 5-minute deduplication window: a new replay is a new message, not a duplicate SQS drops
        CliRun again = replay(queues, bucket, "--from", "2026-11-03", "--to", "2026-11-03", "--again");

        assertThat(again.outLines()).last().isEqualTo("replayed=2 skipped-already-replayed=0 failed=0");
        assertThat(bodies(receiveInOrder(queues.queueUrl()))).containsExactly(first.body(), second.body());
    }

    @Test
    void onFifoASendRepeatedAfterACrashBeforeTheMarkIsDroppedBySqsWithinTheDeduplicationWindow() {
        Queues queues = sqs.newQueues(true, 3);
        String bucket = archive.newBucket();
        DeadLetterRecord record = fifoRecord(DAY_2, "{\"crash\":1}");
        archive.put(bucket, record);
        assertThat(replay(queues, bucket, "--from", "2026-11-03", "--to", "2026-11-03").exit()).isZero();
        // as if killed between the send and the mark
        archive.newClient().deleteObject(b -> b.bucket(bucket).key("replayed/" + record.s3Key()));

        CliRun rerun = replay(queues, bucket, "--from", "2026-11-03", "--to", "2026-11-03");

        assertThat(rerun.outLines()).last().isEqualTo("replayed=1 skipped-already-replayed=0 failed=0");
        assertThat(bodies(receiveInOrder(queues.queueUrl()))).as("the same deduplication id: stored once")
                .containsExactly(record.body());
    }

    @Test
    void aMarkThatCannotBeWrittenStopsTheRunSoAtMostOneIsSentUnmarked() {
        Queues queues = sqs.newQueues(false, 3);
        String bucket = archive.newBucket();
        IntStream.range(0, 3).forEach(i -> archive.put(bucket, LocalArchive.record(DAY_1.plusSeconds(i),
                "{\"m\":" + i + "}", Map.of(), "invalid-event", "bad", null)));
        S3Client marksFail = archive.newClient(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest) {
                    throw SdkClientException.create("S3 unreachable");
                }
            }
        });

        CliRun run = replay(queues, bucket, marksFail, "--from", "2026-11-02", "--to", "2026-11-02");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).containsExactly("replayed=0 skipped-already-replayed=0 failed=1");
        assertThat(run.errLines()).hasSize(2).last().isEqualTo("stopped early: S3: S3 unreachable");
        assertThat(run.errLines().get(0)).contains("but not marked as replayed (a rerun sends it again)");
        assertThat(bodies(sqs.drain(queues.queueUrl()))).containsExactly("{\"m\":0}");

        CliRun rerun = replay(queues, bucket, "--from", "2026-11-02", "--to", "2026-11-02");

        assertThat(rerun.outLines()).last().isEqualTo("replayed=3 skipped-already-replayed=0 failed=0");
    }

    @Test
    void selectsByDayRangeReasonClassAndMessageIdListingOnlyThoseDays() {
        Queues queues = sqs.newQueues(false, 3);
        String bucket = archive.newBucket();
        DeadLetterRecord day1 = LocalArchive.record(DAY_1, "{\"d\":1}", Map.of(), "invalid-event", "bad", null);
        DeadLetterRecord day2Invalid = LocalArchive.record(DAY_2, "{\"d\":2}", Map.of(), "invalid-event", "bad", null);
        DeadLetterRecord day2Unknown = LocalArchive.record(DAY_2.plusSeconds(1), "{\"d\":\"2u\"}", Map.of(),
                "unknown-type", "type: unknown", null);
        DeadLetterRecord day3 = LocalArchive.record(DAY_3, "{\"d\":3}", Map.of(), "unknown-type", "type: unknown",
                null);
        List.of(day1, day2Invalid, day2Unknown, day3).forEach(record -> archive.put(bucket, record));
        List<String> listed = Collections.synchronizedList(new ArrayList<>());
        List<String> read = Collections.synchronizedList(new ArrayList<>());

        CliRun byDays = replay(queues, bucket, recording(listed, read), "--from", "2026-11-03", "--to", "2026-11-04",
                "--dry-run");

        assertThat(byDays.outLines()).containsExactly(
                day2Invalid.sourceMessageId() + "  invalid-event  bad  " + day2Invalid.s3Key(),
                day2Unknown.sourceMessageId() + "  unknown-type  type: unknown  " + day2Unknown.s3Key(),
                day3.sourceMessageId() + "  unknown-type  type: unknown  " + day3.s3Key(),
                "dry run, nothing sent: would-replay=3 skipped-already-replayed=0 failed=0");
        assertThat(listed).as("only the days' prefixes are listed, never the whole bucket").containsExactly(
                "failed/2026/11/03/", "replayed/failed/2026/11/03/", "failed/2026/11/04/",
                "replayed/failed/2026/11/04/");
        assertThat(archive.keys(bucket, "replayed/")).as("a dry run marks nothing").isEmpty();

        CliRun byClass = replay(queues, bucket, "--from", "2026-11-01", "--reason-class", "unknown-type",
                "--dry-run");
        assertThat(byClass.outLines()).hasSize(3).last()
                .isEqualTo("dry run, nothing sent: would-replay=2 skipped-already-replayed=0 failed=0");

        read.clear();
        CliRun byId = replay(queues, bucket, recording(new ArrayList<>(), read), "--from", "2026-11-01", "--message-id",
                day3.sourceMessageId() + "," + day1.sourceMessageId());
        assertThat(byId.exit()).isZero();
        assertThat(byId.outLines()).last().isEqualTo("replayed=2 skipped-already-replayed=0 failed=0");
        assertThat(bodies(sqs.drain(queues.queueUrl()))).containsExactlyInAnyOrder(day1.body(), day3.body());
        assertThat(read).as("only the selected ids' objects are read").allMatch(key ->
                key.contains(day1.sourceMessageId()) || key.contains(day3.sourceMessageId()));

        CliRun max = replay(queues, bucket, "--from", "2026-11-01", "--max", "1");
        // stops at the first replay: day 4's replayed one is not reached, so not counted
        assertThat(max.outLines()).last().isEqualTo("replayed=1 skipped-already-replayed=1 failed=0");
        assertThat(bodies(sqs.drain(queues.queueUrl()))).containsExactly(day2Invalid.body());

        CliRun unknownOnlySkipsTheReplayedUnknown = replay(queues, bucket, "--from", "2026-11-01", "--reason-class",
                "unknown-type");
        assertThat(unknownOnlySkipsTheReplayedUnknown.outLines()).last()
                .isEqualTo("replayed=1 skipped-already-replayed=1 failed=0");
        assertThat(bodies(sqs.drain(queues.queueUrl()))).containsExactly(day2Unknown.body());
    }

    @Test
    void withTenOriginalAttributesTheReplayMarkIsInTheArchiveMarkerOnly() {
        Queues queues = sqs.newQueues(false, 3);
        String bucket = archive.newBucket();
        Map<String, TypedAttribute> ten = new LinkedHashMap<>(MIXED);
        IntStream.range(0, 4).forEach(i -> ten.put("extra-" + i, TypedAttribute.string("v" + i)));
        DeadLetterRecord record = LocalArchive.record(DAY_1, "{\"ten\":true}", ten, "invalid-event", "bad", null);
        archive.put(bucket, record);

        CliRun run = replay(queues, bucket, "--from", "2026-11-02", "--to", "2026-11-02");

        assertThat(run.exit()).isZero();
        Message sent = sqs.drain(queues.queueUrl()).get(0);
        assertThat(sent.messageAttributes()).hasSize(10);
        assertThat(renderSqs(sent.messageAttributes())).isEqualTo(render(ten));
        assertThat(run.outLines()).first().asString().endsWith("as " + sent.messageId()
                + " (10 attributes: replayed-from only in replayed/" + record.s3Key() + ")");
        JsonNode replay = archive.json(bucket, "replayed/" + record.s3Key()).path("replays").get(0);
        assertThat(replay.path("message_id").asText()).isEqualTo(sent.messageId());
        assertThat(replay.path("replayed_from_attribute").asBoolean()).isFalse();
    }

    @Test
    void aRecordWithinTheMarkersBytesOfTheQueuesLimitIsSentWithoutItAndTheLinkIsInTheMarkerOnly() {
        Queues queues = sqs.newQueues(false, 3);
        String bucket = archive.newBucket();
        // ElasticMQ does not report MaximumMessageSize: the command takes SQS's 1 MiB, as the service does
        int limit = MessageSizeLimit.SQS_MAX_BYTES;
        Map<String, TypedAttribute> attributes = Map.of("tenant", new TypedAttribute("String.tenant", "acme", null));
        int attributeBytes = "tenant".length() + "String.tenant".length() + "acme".length();
        String body = "{\"pad\":\"" + "p".repeat(limit - 40 - attributeBytes - 10) + "\"}";
        DeadLetterRecord record = LocalArchive.record(DAY_1, body, attributes, "invalid-event", "bad", null);
        archive.put(bucket, record);
        int withMarker = body.length() + attributeBytes + "replayed-from".length() + "String".length()
                + record.s3Key().length();
        assertThat(withMarker).as("the message with replayed-from").isGreaterThan(limit);

        CliRun run = replay(queues, bucket, "--from", "2026-11-02", "--to", "2026-11-02");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.outLines()).last().isEqualTo("replayed=1 skipped-already-replayed=0 failed=0");
        Message sent = sqs.drain(queues.queueUrl()).get(0);
        assertThat(sent.body()).as("byte for byte").isEqualTo(body);
        assertThat(renderSqs(sent.messageAttributes())).as("the originals only").isEqualTo(render(attributes));
        assertThat(run.outLines()).first().asString().endsWith("as " + sent.messageId() + " (over " + limit
                + " bytes with it: replayed-from only in replayed/" + record.s3Key() + ")");
        JsonNode replay = archive.json(bucket, "replayed/" + record.s3Key()).path("replays").get(0);
        assertThat(replay.path("message_id").asText()).isEqualTo(sent.messageId());
        assertThat(replay.path("replayed_from_attribute").asBoolean()).isFalse();
        System.out.println(run.outLines().get(0).replace(body, "<body>"));
    }

    @Test
    void unreplayableRecordsAreReportedTheRestIsReplayedAndTheExitIs1() {
        Queues queues = sqs.newQueues(true, 3);
        String bucket = archive.newBucket();
        DeadLetterRecord good = fifoRecord(DAY_1, "{\"ok\":1}");
        DeadLetterRecord noGroup = LocalArchive.record(DAY_1.plusSeconds(1), "{\"ok\":2}", Map.of(), "invalid-event",
                "bad", null);
        archive.put(bucket, good);
        archive.put(bucket, noGroup);
        archive.putJson(bucket, "failed/2026/11/02/old-format.json",
                "{\"message_id\":\"old-format\",\"body\":\"{}\",\"message_attributes\":{},\"reason\":\"bad\"}");

        CliRun run = replay(queues, bucket, "--from", "2026-11-02", "--to", "2026-11-02");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).last().isEqualTo("replayed=1 skipped-already-replayed=0 failed=2");
        assertThat(run.errLines()).containsExactlyInAnyOrder(
                "failed failed/2026/11/02/old-format.json: archive schema_version 1, replay reads version 2 only "
                        + "(version 1 did not record attribute types)",
                "failed " + noGroup.s3Key() + ": no message group archived, and the FIFO queue needs one");
        assertThat(bodies(receiveInOrder(queues.queueUrl()))).containsExactly(good.body());
        assertThat(archive.keys(bucket, "replayed/")).containsExactly("replayed/" + good.s3Key());
    }

    @Test
    void usageErrorsExit2AndTouchNothing() {
        Map<String, String> env = Map.of("DLQ_BUCKET", "b", "QUEUE_URL", "q", "AWS_REGION", "us-east-1");
        CliRun backwards = CliRun.run(env, "replay", "--from", "2026-11-03", "--to", "2026-11-02");
        assertThat(backwards.exit()).isEqualTo(2);
        assertThat(backwards.errLines()).first()
                .isEqualTo("order-router replay: --to 2026-11-02 is before --from 2026-11-03");

        CliRun noFrom = CliRun.run(env, "replay");
        assertThat(noFrom.exit()).isEqualTo(2);
        assertThat(noFrom.errLines()).first().asString().contains("Missing required option: '--from=YYYY-MM-DD'");

        CliRun badDate = CliRun.run(env, "replay", "--from", "2026-13-01");
        assertThat(badDate.exit()).isEqualTo(2);
        assertThat(badDate.errLines()).first().asString().contains("--from");

        CliRun zero = CliRun.run(env, "replay", "--from", "2026-11-01", "--max", "0");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.errLines()).first().isEqualTo("order-router replay: --max needs a positive number, got: 0");

        CliRun noSettings = CliRun.run(Map.of("AWS_REGION", "us-east-1"), "replay", "--from", "2026-11-01");
        assertThat(noSettings.exit()).isEqualTo(2);
        assertThat(noSettings.err()).isEqualTo("missing environment variable(s): DLQ_BUCKET, QUEUE_URL\n");
    }

    private static DeadLetterRecord fifoRecord(Instant sentAt, String body) {
        DeadLetterRecord record = LocalArchive.record(sentAt, body, Map.of("tenant",
                new TypedAttribute("String.tenant", "acme", null)), "invalid-event", "bad", "order-7");
        Map<String, String> system = new TreeMap<>(record.systemAttributes());
        system.put("MessageDeduplicationId", "original-dedup");
        system.put("MessageGroupId", "order-7");
        return new DeadLetterRecord(record.schemaVersion(), record.sourceMessageId(), record.messageGroupId(),
                record.sourceQueue(), record.sourceSentAt(), record.body(), record.messageAttributes(),
                record.reason(), record.reasonClass(), record.receiveCount(), record.failedAt(), record.routeId(),
                record.deadLetterMessageId(), system, record.s3Key(), record.archivedAt());
    }

    private static CliRun replay(Queues queues, String bucket, String... args) {
        return replay(queues, bucket, archive.newClient(), args);
    }

    private static CliRun replay(Queues queues, String bucket, S3Client s3, String... args) {
        Map<String, String> env = Map.of("DLQ_BUCKET", bucket, "QUEUE_URL", queues.queueUrl(), "AWS_REGION",
                LocalSqs.REGION.id());
        String[] command = new String[args.length + 1];
        command[0] = "replay";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRun.run(env, InputStream.nullInputStream(), region -> sqs.newClient(), region -> s3, command);
    }

    /** An S3 client that records the prefix of every listing and the key of every object read. */
    private static S3Client recording(List<String> listed, List<String> read) {
        return archive.newClient(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof ListObjectsV2Request list) {
                    listed.add(list.prefix());
                } else if (context.request() instanceof GetObjectRequest get) {
                    read.add(get.key());
                }
            }
        });
    }

    /** FIFO: one message at a time, deleted before the next is received, so the order is the queue's. */
    private static List<Message> receiveInOrder(String queueUrl) {
        List<Message> received = new ArrayList<>();
        while (true) {
            List<Message> one = sqs.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                    .waitTimeSeconds(0).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (one.isEmpty()) {
                return received;
            }
            received.add(one.get(0));
            sqs.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(one.get(0).receiptHandle()));
        }
    }

    private static List<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).toList();
    }

    private static Map<String, Message> byBody(List<Message> messages) {
        Map<String, Message> byBody = new LinkedHashMap<>();
        messages.forEach(message -> byBody.put(message.body(), message));
        return byBody;
    }

    /** type:value, binary values in base64, so attributes compare by content. */
    private static Map<String, String> render(Map<String, TypedAttribute> attributes) {
        Map<String, String> rendered = new TreeMap<>();
        attributes.forEach((name, value) -> rendered.put(name, value.dataType() + ":" + (value.binaryValue() == null
                ? value.stringValue() : Base64.getEncoder().encodeToString(value.binaryValue()))));
        return rendered;
    }

    private static Map<String, String> renderSqs(Map<String, MessageAttributeValue> attributes) {
        Map<String, TypedAttribute> typed = new TreeMap<>();
        attributes.forEach((name, value) -> typed.put(name, TypedAttribute.of(value)));
        return render(typed);
    }
}
