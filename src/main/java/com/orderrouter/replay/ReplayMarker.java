package com.orderrouter.replay;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The object {@code replayed/<archive key>} that marks an archived dead letter as replayed, written only after the
 * send succeeded. An index object rather than an S3 object tag: S3Proxy (the local S3) does not implement tagging, a
 * re-archive of the same source message (PutObject) would drop a tag, and one listing per day finds every mark
 * without a request per object.
 *
 * @param s3Key   the archive key it marks
 * @param replays every replay, oldest first ({@code --again} adds one)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ReplayMarker(String s3Key, List<Replay> replays) {

    /** Prefix of the marker objects; the rest of a marker's key is the archive key. */
    static final String PREFIX = "replayed/";

    /**
     * One send of the archived message.
     *
     * @param replayedAt           when it was sent, ISO-8601
     * @param queueUrl             where to
     * @param messageId            the SQS message id of the copy
     * @param replayedFromAttribute whether the copy carries the {@code replayed-from} attribute; false when the
     *                             original had 10 attributes (SQS's limit) or would not fit the queue's size limit
     *                             with it, so this marker is the only link
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Replay(String replayedAt, String queueUrl, String messageId, boolean replayedFromAttribute) {
    }

    static String keyOf(String archiveKey) {
        return PREFIX + archiveKey;
    }

    /** The marker after one more replay. */
    ReplayMarker plus(Replay replay) {
        List<Replay> all = new ArrayList<>(replays);
        all.add(replay);
        return new ReplayMarker(s3Key, all);
    }
}
