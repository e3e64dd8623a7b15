package com.orderrouter.ingest;

import java.nio.charset.StandardCharsets;

import com.orderrouter.failure.PoisonMessageException;
import org.apache.camel.PropertyInject;

/** Rejects bodies larger than a stored order can be, before parsing them. */
public class MessageSizeLimit {

    @PropertyInject("orders.max-body-bytes")
    private int maxBytes;

    public void check(String body) {
        int bytes = body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new PoisonMessageException("oversized", "body: " + bytes + " bytes is over the limit of " + maxBytes);
        }
    }
}
