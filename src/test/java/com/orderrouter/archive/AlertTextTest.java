package com.orderrouter.archive;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alert text template beside the routes: the archive record's field names, checked when the service starts. */
class AlertTextTest {

    private static final DeadLetterRecord RECORD = new DeadLetterRecord(DeadLetterRecord.SCHEMA_VERSION, "m-1", null,
            "https://sqs/orders", "2026-12-07T10:00:00Z", "{\"secret\":1}", Map.of(), "data.total: must be a number",
            "invalid-event", 1, "2026-12-07T10:00:01Z", "orders-sqs-to-dynamodb", "d-1", Map.of(),
            "failed/2026/12/07/m-1.json", "2026-12-07T10:00:02Z");

    @Test
    void placeholdersAreTheArchiveRecordsFieldNames() {
        AlertText text = new AlertText("[{reason_class}] {source_message_id} from {source_queue}: {reason}. "
                + "s3://{archive_bucket}/{s3_key} (receive {receive_count}, route {route_id})", "archive");

        assertThat(text.of(RECORD)).isEqualTo("[invalid-event] m-1 from https://sqs/orders: data.total: must be a "
                + "number. s3://archive/failed/2026/12/07/m-1.json (receive 1, route orders-sqs-to-dynamodb)");
    }

    @Test
    void aNameThatIsNotAFieldStopsStartUpNamingItAndTheFieldsThereAre() {
        assertThatThrownBy(() -> new AlertText("{reason} {sourceMessageId} {messageId}", "archive"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("orders.alerts.text names sourceMessageId, messageId, not a field of the archive "
                        + "record; the fields are archive_bucket, archived_at, dead_letter_message_id, failed_at, ")
                .hasMessageContaining("source_message_id");
    }

    @Test
    void theBodyAndTheAttributesAreNotOfferedToAlerts() {
        assertThatThrownBy(() -> new AlertText("{body}", "archive")).hasMessageStartingWith("orders.alerts.text names body,");
        assertThatThrownBy(() -> new AlertText("{message_attributes}", "archive"))
                .hasMessageStartingWith("orders.alerts.text names message_attributes,");
    }
}
