package com.orderrouter.replay;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.archive.DeadLetterRecord;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The dead-letter archive as {@code replay} reads it: one listing per day ({@code failed/yyyy/mm/dd/}, never the
 * whole bucket), archive records by key, and the replay markers ({@link ReplayMarker}) next to them. Any S3 failure
 * other than a missing key propagates.
 */
final class ArchiveBucket {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final String ARCHIVE_PREFIX = "failed/";
    private static final String SUFFIX = ".json";
    private static final ObjectMapper JSON = new ObjectMapper()
            // a later schema version may add fields; the version check decides what is replayable
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final S3Client s3;
    private final String bucket;

    ArchiveBucket(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Archive keys of one day ({@code failed/yyyy/mm/dd/<sourceMessageId>.json}), in key order. */
    List<String> archiveKeys(LocalDate day) {
        return list(ARCHIVE_PREFIX + DAY.format(day) + "/").stream().filter(key -> key.endsWith(SUFFIX)).toList();
    }

    /** Archive keys of one day that have a replay marker. */
    Set<String> replayedKeys(LocalDate day) {
        return list(ReplayMarker.keyOf(ARCHIVE_PREFIX + DAY.format(day) + "/")).stream()
                .map(key -> key.substring(ReplayMarker.PREFIX.length())).collect(Collectors.toSet());
    }

    /** The source message id an archive key is named after. */
    static String sourceMessageId(String archiveKey) {
        return archiveKey.substring(archiveKey.lastIndexOf('/') + 1, archiveKey.length() - SUFFIX.length());
    }

    /**
     * @throws UnreplayableException when the object is gone, is not JSON, or is not of schema version
     *                               {@value DeadLetterRecord#SCHEMA_VERSION}
     */
    DeadLetterRecord read(String key) {
        JsonNode json;
        try {
            json = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asInputStream());
        } catch (NoSuchKeyException e) {
            throw new UnreplayableException("listed, but no longer in the bucket");
        } catch (IOException e) {
            throw new UnreplayableException("not a JSON archive record: " + e.getMessage());
        }
        int version = json.path("schema_version").asInt(1);
        if (version != DeadLetterRecord.SCHEMA_VERSION) {
            throw new UnreplayableException("archive schema_version " + version + ", replay reads version "
                    + DeadLetterRecord.SCHEMA_VERSION + " only"
                    + (version == 1 ? " (version 1 did not record attribute types)" : ""));
        }
        try {
            return JSON.treeToValue(json, DeadLetterRecord.class);
        } catch (IOException e) {
            throw new UnreplayableException("not a valid archive record: " + e.getMessage());
        }
    }

    /** The marker of an archive key, if it was replayed. */
    Optional<ReplayMarker> marker(String archiveKey) {
        try {
            byte[] json = s3.getObjectAsBytes(b -> b.bucket(bucket).key(ReplayMarker.keyOf(archiveKey))).asByteArray();
            return Optional.of(JSON.readValue(json, ReplayMarker.class));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreplayableException("unreadable replay marker " + ReplayMarker.keyOf(archiveKey) + ": "
                    + e.getMessage());
        }
    }

    void mark(ReplayMarker marker) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(marker);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a replay marker", e);
        }
        s3.putObject(b -> b.bucket(bucket).key(ReplayMarker.keyOf(marker.s3Key())).contentType("application/json"),
                RequestBody.fromBytes(json));
    }

    private List<String> list(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream().map(S3Object::key)
                .toList();
    }
}
