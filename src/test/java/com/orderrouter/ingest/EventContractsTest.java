package com.orderrouter.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.config.OrderRouterConfiguration;
import com.orderrouter.testing.FixedRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the service makes of contracts, on fixed ones (src/test/resources/fixed-routes/contracts, see
 * {@link FixedRoutes}): types from file names, a violation as the field and the contract's words, contracts that are
 * wrong. What the shipped contracts (routes/contracts) accept and refuse is tested in routes/tests/.
 */
class EventContractsTest {

    private static final Path FIXED = FixedRoutes.CONTRACTS;
    private final ObjectMapper json = new OrderRouterConfiguration().orderEventMapper();
    private final EventRules rules = new EventRules(Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC),
            Duration.ofSeconds(300));
    private final EventContracts contracts = new EventContracts(FIXED, rules, json);

    @Test
    void theTypesAreTheContractFiles() {
        assertThat(contracts.types()).containsExactly("order_created", "order_updated");
    }

    @Test
    void aValidEventSetsItsType() throws Exception {
        Exchange exchange = exchange("""
                {"type":"order_updated","timestamp":"2026-12-07T11:00:00Z","data":{"order_id":5001,"status":"paid"}}""");

        contracts.check(exchange);

        assertThat(exchange.getProperty("orderType")).isEqualTo("order_updated");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "[1]                                                                   | body: must be a JSON object",
            "{\"data\":{},\"timestamp\":\"2026-12-07T11:00:00Z\"}                  | type: is required",
            "{\"type\":7,\"data\":{},\"timestamp\":\"2026-12-07T11:00:00Z\"}       | type: must be a string, got 7",
            "{\"type\":\"order_updated\",\"data\":[],\"timestamp\":\"2026-12-07T11:00:00Z\"} | data: must be a JSON object, got []",
            "{\"type\":\"order_updated\",\"data\":{\"order_id\":\"1\",\"status\":\" \"},\"timestamp\":\"2026-12-07T11:00:00Z\"} | data.status: must not be empty, got \" \"",
            "{\"type\":\"order_updated\",\"data\":{\"order_id\":null,\"status\":\"x\"},\"timestamp\":\"2026-12-07T11:00:00Z\"} | data.order_id: is required",
            "{\"type\":\"order_created\",\"data\":{\"order_id\":1,\"customer_id\":1,\"items\":{},\"total\":1},\"timestamp\":\"2026-12-07T11:00:00Z\"} | data.items: must be a list, got {}",
            "{\"type\":\"order_created\",\"data\":{\"order_id\":1,\"customer_id\":1,\"items\":[],\"total\":-2},\"timestamp\":\"2026-12-07T11:00:00Z\"} | data.total: must be a non-negative number, got -2",
            "{\"type\":\"order_updated\",\"data\":{\"order_id\":1,\"status\":\"x\"},\"timestamp\":\"2099-01-01T00:00:00Z\"} | timestamp: \"2099-01-01T00:00:00Z\" is more than 300 s ahead" })
    void aViolationIsInvalidEventNamingTheField(String event, String reason) {
        assertThatThrownBy(() -> contracts.check(exchange(event))).isInstanceOf(InvalidOrderEventException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void anEventOfATypeWithoutAContractIsUnknownListingTheTypes() {
        assertThatThrownBy(() -> contracts.check(exchange("""
                {"type":"order_shipped","timestamp":"2026-12-07T11:00:00Z","data":{}}""")))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessage("type: unknown event type \"order_shipped\" (expected one of order_created, order_updated)");
    }

    @Test
    void aTypeWithAContractButNoBranchIsReportedAsSuch() {
        assertThatThrownBy(() -> contracts.unhandled("order_created")).isInstanceOf(UnknownEventTypeException.class)
                .hasMessage("type: event type \"order_created\" has a contract but no branch in the route's choice");
    }

    @Test
    void aNewTypeIsANewContractFile(@TempDir Path folder) throws Exception {
        copyFixed(folder);
        Files.writeString(folder.resolve("order_cancelled.schema.json"), """
                {"type":"object","properties":{"data":{"type":"object","required":["order_id","reason"],
                 "properties":{"order_id":{"$ref":"shared/event.schema.json#/$defs/id"},
                               "reason":{"$ref":"shared/event.schema.json#/$defs/text"}}}}}""");
        EventContracts withCancel = new EventContracts(folder, rules, json);

        assertThat(withCancel.types()).containsExactly("order_cancelled", "order_created", "order_updated");
        assertThatThrownBy(() -> withCancel.check(exchange("""
                {"type":"order_cancelled","timestamp":"2026-12-07T11:00:00Z","data":{"order_id":true,"reason":"x"}}""")))
                .hasMessage("data.order_id: must be a string or an integer, got true");
        assertThatCode(() -> withCancel.check(exchange("""
                {"type":"order_cancelled","timestamp":"2026-12-07T11:00:00Z","data":{"order_id":"o","reason":"x"}}""")))
                .doesNotThrowAnyException();
    }

    @Test
    void aContractThatDoesNotParseStopsStartUpNamingTheFile(@TempDir Path folder) throws Exception {
        copyFixed(folder);
        Files.writeString(folder.resolve("order_refunded.schema.json"), "{\"type\": \"object\",");

        assertThatThrownBy(() -> new EventContracts(folder, rules, json)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("order_refunded.schema.json does not parse");
    }

    @Test
    void aFolderWithoutTheSharedEnvelopeStopsStartUpNamingIt(@TempDir Path folder) {
        assertThatThrownBy(() -> new EventContracts(folder, rules, json)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared/event.schema.json");
    }

    private void copyFixed(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("shared"));
        for (String file : new String[] { "shared/event.schema.json", "order_created.schema.json",
                "order_updated.schema.json" }) {
            Files.copy(FIXED.resolve(file), folder.resolve(file));
        }
    }

    private Exchange exchange(String event) throws Exception {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(json.readTree(event));
        return exchange;
    }
}
