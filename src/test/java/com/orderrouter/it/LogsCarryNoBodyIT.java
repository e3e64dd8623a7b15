package com.orderrouter.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.orderrouter.localstack.LocalAwsStack;
import com.orderrouter.localstack.OrderEventsJson;
import com.orderrouter.localstack.ServiceProcess;
import com.orderrouter.localstack.StackProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * README: a processed message's log line has its ids and outcome, "never its body". The jar (LOG_LEVEL INFO, as in
 * production) gets bodies that each carry a secret-looking token in a field that is NOT the offending value (a reason
 * may quote the offending value, bounded), in several poison shapes and a valid one; no line of its log may contain a
 * token.
 */
class LogsCarryNoBodyIT {

    private static final LocalAwsStack STACK = LocalAwsStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final StackProbe probe = new StackProbe(STACK);

    @Test
    void noLogLineContainsAnythingFromABody() throws Exception {
        String orderId = OrdersSqsToDynamodbIT.newOrderId();
        // case -> token; each token appears once, in one body
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String shape : List.of("bad-json", "trailing", "not-object", "invalid-field", "wrong-type", "unknown-type",
                "valid-create", "failing-update")) {
            tokens.put(shape, "sk_live_" + UUID.randomUUID().toString().replace("-", ""));
        }
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put("bad-json", """
                {"type":"order_created", oops, "data":{"note":"%s"}}""".formatted(tokens.get("bad-json")));
        poison.put("trailing", OrderEventsJson.created(orderId + "-t", "2026-11-27T10:00:00Z")
                + " {\"note\":\"" + tokens.get("trailing") + "\"}");
        poison.put("not-object", "[\"order_created\", \"" + tokens.get("not-object") + "\"]");
        poison.put("invalid-field", """
                {"type":"order_created","timestamp":"2026-11-27T10:00:00Z","data":{"order_id":"%s-i",\
                "customer_id":"%s","items":[{"sku":"%s"}],"total":-5}}"""
                .formatted(orderId, tokens.get("invalid-field"), tokens.get("invalid-field")));
        poison.put("wrong-type", """
                {"type":"order_created","timestamp":"2026-11-27T10:00:00Z","data":{"order_id":"%s-w",\
                "customer_id":"%s","items":[],"total":"12"}}""".formatted(orderId, tokens.get("wrong-type")));
        poison.put("unknown-type", """
                {"type":"order_shipped","timestamp":"2026-11-27T10:00:00Z","data":{"order_id":"%s-u",\
                "address":"%s"}}""".formatted(orderId, tokens.get("unknown-type")));
        String validCreate = """
                {"type":"order_created","timestamp":"2026-11-27T10:00:00Z","data":{"order_id":"%s",\
                "customer_id":"%s","items":[{"sku":"%s"}],"total":1}}"""
                .formatted(orderId, tokens.get("valid-create"), tokens.get("valid-create"));
        // an update of the stored order that fails validation (no status); the token rides in another field
        String failingUpdate = """
                {"type":"order_updated","timestamp":"2026-11-27T11:00:00Z","data":{"order_id":"%s",\
                "note":"%s"}}""".formatted(orderId, tokens.get("failing-update"));
        poison.put("failing-update", failingUpdate);

        Map<String, String> env = Map.of("ORDERS_POLL_WAIT_SECONDS", "1",
                "MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        try (ServiceProcess service = ServiceProcess.start(STACK, env, Path.of("target/service-logs-no-body.log"))) {
            probe.send(validCreate);
            await().atMost(PATIENCE).failFast("the service exited", () -> !service.isAlive())
                    .until(() -> !probe.order(orderId).isEmpty());
            Map<String, String> messageIds = new LinkedHashMap<>();
            poison.forEach((shape, body) -> messageIds.put(shape, probe.send(body)));
            // every poison message went through both routes (archived and alerted) before the log is read
            for (Map.Entry<String, String> sent : messageIds.entrySet()) {
                String s3Key = await(sent.getKey() + " archived").atMost(PATIENCE)
                        .failFast("the service exited", () -> !service.isAlive())
                        .until(() -> probe.archivedRecordOf(sent.getValue()), Optional::isPresent).get()
                        .get("s3_key").asText();
                await(sent.getKey() + " alerted").atMost(PATIENCE).until(() -> STACK.snsStandIn().published().stream()
                        .anyMatch(alert -> alert.message().contains(s3Key)));
            }

            List<String> lines = service.logLines();
            assertThat(String.join("\n", lines)).as("the log has a line for each message")
                    .contains(messageIds.values());
            assertThat(lines).as("log lines quoting a body (tokens by case: %s)", tokens)
                    .filteredOn(line -> tokens.values().stream().anyMatch(line::contains)).isEmpty();
        }
    }
}
