package com.orderrouter.ingest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orderrouter.config.OrderRouterConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules every event shares: DynamoDB's numbers, valid Unicode, a timestamp not ahead of the clock. */
class EventRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final EventRules rules = new EventRules(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(300));
    /** The service's own parser: floats as BigDecimal, as the orders route reads them. */
    private final ObjectMapper json = new OrderRouterConfiguration().orderEventMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"total\":1e999999999}                   | data.total: is 1E+999999999, larger than DynamoDB stores",
            "{\"items\":[{\"qty\":-1e999999999}]}      | data.items[0].qty: is -1E+999999999, larger than DynamoDB stores",
            "{\"total\":1E+126}                        | data.total: is 1E+126, larger than DynamoDB stores",
            "{\"a\":{\"b\":[0,1e-131]}}                | data.a.b[1]: is 1E-131, smaller than DynamoDB stores",
            "{\"total\":1e-999999999}                  | data.total: is 1E-999999999, smaller than DynamoDB stores",
            "{\"total\":1.23456789012345678901234567890123456789} | data.total: has 39 significant digits, more than DynamoDB's 38",
            "{\"n\":123456789012345678901234567890123456789}     | data.n: has 39 significant digits, more than DynamoDB's 38"})
    void numbersDynamoDbCannotStoreArePoisonNamingTheField(String data, String reason) throws Exception {
        assertThatThrownBy(() -> rules.storable("data", json.readTree(data)))
                .isInstanceOf(InvalidOrderEventException.class).hasMessageStartingWith(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = { "9.9999999999999999999999999999999999999E+125", "-9.9999999999999999999999999999999999999E+125",
            "1E-130", "12345678901234567890123456789012345678", "1.2345678901234567890123456789012345678",
            "0", "0.00", "0e999999999", "49.90", "100000000000000000000000000000000000000000000000000" })
    void numbersDynamoDbCanStorePass(String number) throws Exception {
        assertThatCode(() -> rules.storable("data", json.readTree("{\"n\":" + number + "}"))).doesNotThrowAnyException();
    }

    @Test
    void nestingDeeperThanDynamoDbsThirtyTwoLevelsIsPoisonNamingWhere() throws Exception {
        String deep = "[".repeat(33) + "]".repeat(33);
        assertThatThrownBy(() -> rules.storable("data", json.readTree("{\"items\":" + deep + "}")))
                .isInstanceOf(InvalidOrderEventException.class)
                .hasMessage("data.items" + "[0]".repeat(32) + ": is nested more than 32 levels deep, DynamoDB's limit");
        String limit = "[".repeat(32) + "]".repeat(32);
        assertThatCode(() -> rules.storable("data", json.readTree("{\"items\":" + limit + "}"))).doesNotThrowAnyException();
    }

    @Test
    void aZeroIsWrittenAsZeroWhateverItsScale() {
        assertThat(EventRules.numberText(new BigDecimal("0E-999999999"))).isEqualTo("0");
        assertThat(EventRules.numberText(new BigDecimal("49.90"))).isEqualTo("49.90");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"order_id\":\"A\\ud800B\"}              | data.order_id: is not valid Unicode (a lone surrogate \\uD800 at character 2)",
            "{\"items\":[{\"sku\":\"\\udc00\"}]}       | data.items[0].sku: is not valid Unicode (a lone surrogate \\uDC00 at character 1)",
            "{\"items\":[{\"s\\ud83d\":1}]}            | data.items[0]: has a field name that is not valid Unicode (\"s\\uD83D\": a lone surrogate at character 2)",
            "{\"note\":\"ok 😀 then \\ud83d\"}        | data.note: is not valid Unicode (a lone surrogate \\uD83D at character 12)"})
    void textThatIsNotValidUnicodeIsPoisonNamingTheField(String data, String reason) throws Exception {
        assertThatThrownBy(() -> rules.storable("data", json.readTree(data)))
                .isInstanceOf(InvalidOrderEventException.class).hasMessage(reason);
    }

    @Test
    void surrogatePairsAreValidUnicode() throws Exception {
        assertThatCode(() -> rules.storable("data", json.readTree("{\"sku\":\"\\ud83d\\ude00 😀\"}")))
                .doesNotThrowAnyException();
    }

    @Test
    void aTimestampFurtherAheadThanTheAllowanceIsPoisonNamingTimestamp() {
        assertThatThrownBy(() -> rules.timestamp("2099-01-01T00:00:00Z"))
                .isInstanceOf(InvalidOrderEventException.class)
                .hasMessage("timestamp: \"2099-01-01T00:00:00Z\" is more than 300 s ahead of the service's clock "
                        + "(2026-12-07T12:00:00Z)");
        assertThatThrownBy(() -> rules.timestamp("2026-12-07T12:05:00.001Z")).hasMessageStartingWith("timestamp: ");
    }

    @Test
    void aTimestampWithinTheAllowanceOrInThePastIsTheEventsTime() {
        assertThat(rules.timestamp("2026-12-07T12:05:00Z")).isEqualTo(Instant.parse("2026-12-07T12:05:00Z"));
        assertThat(rules.timestamp("2026-12-07T13:04:00+01:00")).isEqualTo(Instant.parse("2026-12-07T12:04:00Z"));
        assertThat(rules.timestamp("2020-01-01T00:00:00")).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void aTimestampBeforeTheYearOneIsPoison() {
        assertThatThrownBy(() -> rules.timestamp("-0001-06-01T00:00:00Z"))
                .hasMessage("timestamp: \"-0001-06-01T00:00:00Z\" is before the year 1");
    }

    @Test
    void topLevelTextIsCheckedForUnicodeToo() {
        assertThatThrownBy(() -> rules.text("correlation_id", "c-\udc00")).hasMessageStartingWith(
                "correlation_id: is not valid Unicode");
        assertThatCode(() -> rules.text("correlation_id", null)).doesNotThrowAnyException();
    }

    @Test
    void aReasonQuotingCharactersSqsRefusesWritesThemAsText() {
        assertThat(com.orderrouter.failure.Quoted.value("a\uFFFFb\uFFFEc\u0000d\te")).isEqualTo("\"a\\uFFFFb\\uFFFEc\\u0000d\te\"");
    }

    @Test
    void aReasonQuotingALoneSurrogateCanBeSentAsUtf8() {
        assertThat(com.orderrouter.failure.Quoted.value("A\ud800B")).isEqualTo("\"A\\uD800B\"");
    }
}
