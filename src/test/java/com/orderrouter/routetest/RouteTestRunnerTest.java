package com.orderrouter.routetest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.orderrouter.testing.FixedRoutes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@code test-routes} tells a route author when a test does not hold: one line per difference, naming it. Runs
 * on the fixed routes ({@link FixedRoutes}: fixed contracts and alert, README's forward of refunds after the write),
 * so what it expects does not change when routes/ does.
 */
class RouteTestRunnerTest {

    private static final String NEGATIVE_TOTAL = """
            message:
              body: '{"type":"order_created","timestamp":"2026-11-27T10:15:30Z","data":{"order_id":"o-1","customer_id":"c","items":[],"total":-1}}'
            """;
    private static final String REFUND = """
            message:
              event: {type: order_updated, timestamp: "2026-11-27T12:00:00Z", data: {order_id: o-7, status: refunded}}
            """;

    @TempDir
    static Path folder;
    private static OfflineService service;
    private static RouteTestRunner runner;

    @BeforeAll
    static void startTheFixedRoutes() throws Exception {
        service = OfflineService.start(FixedRoutes.copy(folder.resolve("routes")));
        runner = new RouteTestRunner(service);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aDifferentOutcomeIsReportedWithTheDeadLettersReason() throws IOException {
        assertThat(failures("wrong-outcome", NEGATIVE_TOTAL + """
                expect:
                  outcome: success
                """)).containsExactly(
                "outcome: expected success, got poison (invalid-event: data.total: must be a non-negative number, got -1)",
                "dead letter: expected none, got invalid-event: data.total: must be a non-negative number, got -1");
    }

    @Test
    void aDeadLetterOfAnotherClassOrReasonIsNamed() throws IOException {
        assertThat(failures("wrong-reason", NEGATIVE_TOTAL + """
                expect:
                  outcome: poison
                  deadLetter: {reasonClass: unknown-type, reason: "data.total: too small"}
                """)).containsExactly(
                "dead letter reason class: expected \"unknown-type\", got \"invalid-event\"",
                "dead letter reason: expected \"data.total: too small\", got \"data.total: must be a non-negative "
                        + "number, got -1\"");
    }

    @Test
    void aStoredAttributeThatDiffersIsNamedWithItsItemsKey() throws IOException {
        assertThat(failures("wrong-item", """
                message:
                  event: {type: order_updated, timestamp: "2026-11-27T12:00:00Z", data: {order_id: o-1, status: shipped}}
                table:
                  stored: [{pk: "ORDER#o-1", sk: METADATA, status: pending, total: 5, updated_at: "2026-11-27T10:00:00.000000Z"}]
                expect:
                  outcome: success
                  table:
                    - {pk: "ORDER#o-1", sk: METADATA, status: delivered, total: 5.00, updated_at: "2026-11-27T12:00:00.000000Z"}
                    - {pk: "ORDER#o-2", sk: METADATA}
                """)).containsExactly(
                "table: item {\"pk\":\"ORDER#o-1\",\"sk\":\"METADATA\"} status: expected \"delivered\", got \"shipped\"",
                "table: item {\"pk\":\"ORDER#o-2\",\"sk\":\"METADATA\"} not stored");
    }

    @Test
    void anItemStoredButNotExpectedIsReported() throws IOException {
        assertThat(failures("unexpected-item", """
                message:
                  event: {type: order_created, timestamp: "2026-11-27T10:15:30Z", data: {order_id: o-1, customer_id: c, items: [], total: 1}}
                expect:
                  outcome: success
                  table: []
                """)).singleElement().asString()
                .startsWith("table: item {\"pk\":\"ORDER#o-1\",\"sk\":\"METADATA\"} stored, not expected: ");
    }

    @Test
    void aForwardedMessageIsComparedByEndpointBodyAndHeaders() throws IOException {
        assertThat(failures("forward-matches", REFUND + """
                expect:
                  outcome: retry
                  forwarded:
                    - endpoint: aws2-sqs:refunds-queue
                      headers: {order-id: o-7}
                """)).as("the update finds no order (retry), and the forward comes after the write: none")
                .containsExactly("forwarded: expected 1 message(s), got 0 []");
        assertThat(failures("forward-differs", REFUND + """
                table:
                  stored: [{pk: "ORDER#o-7", sk: METADATA, updated_at: "2026-11-27T10:00:00.000000Z"}]
                expect:
                  outcome: success
                  forwarded:
                    - endpoint: aws2-sqs:refunds
                      body: '{}'
                      headers: {order-id: o-8}
                """)).containsExactly(
                "forwarded[0] endpoint: expected \"aws2-sqs:refunds\", got \"aws2-sqs:refunds-queue\"",
                "forwarded[0] body: expected {}, got {\"type\":\"order_updated\",\"timestamp\":"
                        + "\"2026-11-27T12:00:00Z\",\"data\":{\"order_id\":\"o-7\",\"status\":\"refunded\"}}",
                "forwarded[0] header order-id: expected \"o-8\", got \"o-7\"");
    }

    @Test
    void theAlertsSubjectAndMessageAreCompared() throws IOException {
        assertThat(failures("alert-differs", NEGATIVE_TOTAL + """
                expect:
                  outcome: poison
                  deadLetter: {reasonClass: invalid-event}
                  alert: {subject: Order failed, message: see the archive}
                """)).hasSize(2).allSatisfy(failure -> assertThat(failure).startsWith("alert "))
                .anySatisfy(failure -> assertThat(failure).isEqualTo(
                        "alert subject: expected \"Order failed\", got \"Dead letter (fixed routes)\""));
    }

    @Test
    void aMisspeltKeyIsRefusedNamingTheFileAndTheKnownKeys() throws IOException {
        Path file = write("misspelt", NEGATIVE_TOTAL + """
                expect:
                  outcome: poison
                  deadleter: {reasonClass: invalid-event}
                """);

        assertThatThrownBy(() -> RouteTestCase.read(file)).isInstanceOf(MalformedRouteTestException.class)
                .hasMessage(file + ": unknown key expect.deadleter (known: outcome, table, deadLetter, alert, forwarded)");
    }

    @Test
    void anAttributeTypeSqsWouldRefuseIsRefused() throws IOException {
        Path file = write("attribute-type", """
                message:
                  body: '{}'
                  attributes:
                    tenant: {type: Strng, value: acme}
                expect:
                  outcome: poison
                """);

        assertThatThrownBy(() -> RouteTestCase.read(file)).isInstanceOf(MalformedRouteTestException.class)
                .hasMessage(file + ": message.attributes.tenant.type: String, Number or Binary, optionally with a custom label "
                        + "(String.tenant), as SQS takes them; not Strng");
    }

    @Test
    void twoStoredItemsWithOneKeyAreReportedNotSilentlyOneReplacingTheOther() throws IOException {
        assertThat(failures("same-key", """
                message:
                  event: {type: order_updated, timestamp: "2026-11-27T12:00:00Z", data: {order_id: o-1, status: shipped}}
                table:
                  stored:
                    - {pk: "ORDER#o-1", sk: METADATA, updated_at: "2026-11-27T10:00:00.000000Z"}
                    - {pk: "ORDER#o-1", sk: METADATA, updated_at: "2026-11-27T13:00:00.000000Z"}
                expect:
                  outcome: stale
                """)).containsExactly("table.stored: two items with the key of {\"pk\":\"ORDER#o-1\",\"sk\":\"METADATA\","
                + "\"updated_at\":\"2026-11-27T13:00:00.000000Z\"}; a table holds one per key");
    }

    private static List<String> failures(String name, String yaml) throws IOException {
        return runner.run(RouteTestCase.read(write(name, yaml))).failures();
    }

    private static Path write(String name, String yaml) throws IOException {
        Path tests = Files.createDirectories(folder.resolve("tests"));
        return Files.writeString(tests.resolve(name + ".yaml"), yaml);
    }
}
