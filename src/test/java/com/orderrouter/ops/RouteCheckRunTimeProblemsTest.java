package com.orderrouter.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.orderrouter.cli.CliRun;
import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * validate-routes catches what would otherwise only break at run time (issue #23): each test breaks one thing in a
 * copy of the project's routes and expects exactly one line per problem, naming the file and the line of the step.
 * Lines are looked up in the copy, so the routes may gain lines (descriptions) without breaking these tests.
 */
class RouteCheckRunTimeProblemsTest {

    /** A step: a list item that opens with its kind ({@code - setHeader:}, {@code - simple: ...}). */
    private static final Pattern STEP = Pattern.compile("^\\s*- [A-Za-z]+:.*");

    @TempDir
    Path routes;

    @BeforeEach
    void copyProjectRoutes() throws IOException {
        RouteFiles.copy(Path.of("routes"), routes);
    }

    @Test
    void anExpressionThatDoesNotCompileIsReportedAtItsStep() throws IOException {
        Path file = routes.resolve("dead-letter-to-s3-and-sns.camel.yaml");
        int line = replace(file, "simple: \"${exchangeProperty.alertedAt} == null\"",
                "simple: \"${exchangeProperty.alertedAt == null\"");

        assertThat(problems()).containsExactly(file + ":" + stepAbove(file, line)
                + ": simple \"${exchangeProperty.alertedAt == null\": expected symbol functionEnd but was eol at "
                + "location 32");
    }

    @Test
    void aBeanStepCallingAMethodItsBeanLacksIsReported() throws IOException {
        Path file = routes.resolve("item-to-dynamodb.camel.yaml");
        int line = replace(file, "method: confirmStale", "method: confirmStal");

        assertThat(problems()).containsExactly(
                file + ":" + stepAbove(file, line) + ": bean itemWrites (ItemWrites) has no method confirmStal");
    }

    /** Camel builds an onException's onWhen with the first failure: loading the routes alone never saw this. */
    @Test
    void anOnWhenCallingAMethodItsBeanLacksIsReported() throws IOException {
        Path file = routes.resolve("orders-error-handling.camel.yaml");
        int line = replace(file, "method: isPoison", "method: isPoisn");

        assertThat(problems()).containsExactly(file + ":" + stepAbove(file, line)
                + ": bean failureClassifier (FailureClassifier) has no method isPoisn");
    }

    @Test
    void aPropertyTheEventDoesNotHaveIsReported() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        // after unmarshal (and eventContracts.check) the body is the event as a Jackson JsonNode
        int line = insertBefore(file, "        - choice:\n", """
                        - filter:
                            simple: "${body.itemz} == null"
                            steps:
                              - stop: {}
                """);

        assertThat(problems()).containsExactly(
                file + ":" + line + ": ${body.itemz}: the body here is a JsonNode, which has no method or property itemz");
    }

    @Test
    void aPropertyTheArchiveRecordDoesNotHaveIsReported() throws IOException {
        Path file = routes.resolve("dead-letter-to-s3-and-sns.camel.yaml");
        // the archive record, exchange property deadLetter, is what orders-dlq-to-s3-and-sns sets and hands over
        int line = replace(file, "${exchangeProperty.deadLetter.reasonClass}", "${exchangeProperty.deadLetter.reasonClas}");

        assertThat(problems()).containsExactly(file + ":" + stepAbove(file, line)
                + ": ${exchangeProperty.deadLetter.reasonClas}: exchange property deadLetter here is a "
                + "DeadLetterRecord, which has no method or property reasonClas");
    }

    @Test
    void aWhenNamingATypeWithoutContractIsReportedWithTheTypeItLeavesOut() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int when = stepAbove(file, replace(file, "== 'order_created'", "== 'order_canceled'"));
        int choice = stepAbove(file, when - 1);

        assertThat(problems()).containsExactly(
                file + ":" + choice + ": no when takes event type order_created (contracts/order_created.schema.json):"
                        + " its events go to otherwise",
                file + ":" + when + ": this when takes no event type there is a contract for: simple "
                        + "\"${exchangeProperty.orderType} == 'order_canceled'\" (contracts: order_created, "
                        + "order_updated)");
    }

    @Test
    void aJqWhenNamingNoContractsTypeIsReportedAsTheSimpleOneIs() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int when = replace(file, "simple: \"${exchangeProperty.orderType} == 'order_updated'\"",
                "jq: '.type == \"order_udpated\"'");

        assertThat(problems()).contains(file + ":" + stepAbove(file, when) + ": this when takes no event type there is "
                + "a contract for: jq \".type == \"order_udpated\"\" (contracts: order_created, order_updated)");
    }

    @Test
    void aSendToADirectEndpointNoRouteConsumesIsReported() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int to = replace(file, "uri: \"direct:item-to-dynamodb\"", "uri: \"direct:item-to-dynamodbb\"");

        assertThat(problems()).containsExactly(file + ":" + stepAbove(file, to) + ": no route consumes "
                + "direct:item-to-dynamodbb (routes consume direct:dead-letter-to-s3-and-sns, direct:item-to-dynamodb)");
    }

    @Test
    void aContractKeywordTypoAndATypeNoValueHasAreReportedAtTheirLines() throws IOException {
        Path updated = routes.resolve("contracts/order_updated.schema.json");
        int required = replace(updated, "\"required\":", "\"requird\":");
        Path created = routes.resolve("contracts/order_created.schema.json");
        int total = replace(created, "\"total\": { \"type\": \"number\"", "\"total\": { \"type\": \"numbr\"");

        assertThat(problems()).containsExactly(
                created + ":" + total + ": type \"numbr\" is not one of array, boolean, integer, null, number, object, "
                        + "string: no value would ever match it",
                updated + ":" + required + ": \"requird\" is not a JSON Schema keyword: the contract has no such rule "
                        + "(a typo of \"required\"?)");
    }

    @Test
    void aMisspeltEndpointOptionIsReportedAtItsLineWithoutTheUri() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int line = replace(file, "        greedy: true", "        gredy: true");

        assertThat(problems()).containsExactly(file + ":" + line + ": unknown option gredy of endpoint aws2-sqs: not "
                + "one of the component's options (misspelt?)");
    }

    @Test
    void aMisspeltWritePropertyIsReportedAtItsLine() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int line = replace(file, "        describedAs:", "        describedA:");

        assertThat(problems()).containsExactly(file + ":" + line + ": unknown property describedA: the bean has no "
                + "such property (misspelt?)");
    }

    @Test
    void anExceptionTypeWithoutAStringConstructorIsReported() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int line = insertBefore(file, "        - choice:\n", """
                        - throwException:
                            exceptionType: java.io.UncheckedIOException
                            message: "no ${exchangeProperty.orderType} today"
                """);

        assertThat(problems()).containsExactly(file + ":" + line + ": exceptionType java.io.UncheckedIOException has no "
                + "public constructor taking the message (String): at run time the step fails with \"Error creating "
                + "new instance\" instead of throwing it");
    }

    @Test
    void aWriteReadingAFieldItsContractDoesNotDeclareIsReported() throws IOException {
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        int line = replace(file, "total: \"{data.total}\"", "total: \"{data.totl}\"");

        assertThat(problems()).containsExactly(file + ":" + line + ": orderCreatedWrite attributes.total reads "
                + "data.totl, which contract order_created does not declare (data declares order_id, customer_id, "
                + "items, total)");
    }

    @Test
    void aContractThatDoesNotParseIsReportedWithLineAndColumn() throws IOException {
        Path file = routes.resolve("contracts/order_updated.schema.json");
        int line = replace(file, "\"type\": \"object\",", "\"type\": \"object\"");

        assertThat(problems()).containsExactly(file + ":" + (line + 1) + ":3: not valid JSON: Unexpected character "
                + "('\"' (code 34)): was expecting comma to separate Object entries");
    }

    @Test
    void aPlaceholderNothingSetsIsReportedAsUnset() throws IOException {
        Path file = routes.resolve("dead-letter-to-s3-and-sns.camel.yaml");
        int line = replace(file, "{{orders.alerts.subject}}", "{{orders.alerts.subjekt}}");

        assertThat(problems()).containsExactly(file + ":" + line + ": unset property orders.alerts.subjekt: set it "
                + "in orders.properties, or declare its variable in environment.yaml");
    }

    @Test
    void anAlertTextNamingNoRecordFieldIsReportedAtItsTunable() throws IOException {
        Path file = routes.resolve("orders.properties");
        int line = replace(file, "{source_queue}", "{source_queeu}");

        assertThat(problems()).singleElement().asString().startsWith(file + ":" + line
                + ": orders.alerts.text names source_queeu, not a field of the archive record; the fields are ");
    }

    @Test
    void aFileThatIsNotYamlIsReportedOnOneLine() throws IOException {
        Path file = routes.resolve("item-to-dynamodb.camel.yaml");
        replace(file, "uri: \"direct:item-to-dynamodb\"", "uri: \"direct:item-to-dynamodb");

        assertThat(problems()).singleElement().asString().startsWith(file + ":")
                .contains(": not valid YAML: while parsing a block mapping; expected <block end>, but found '<scalar>'")
                .doesNotContain("\n");
    }

    @Test
    void validateRoutesPrintsEveryProblemOnItsOwnLine() throws IOException {
        Path deadLetters = routes.resolve("dead-letter-to-s3-and-sns.camel.yaml");
        int record = replace(deadLetters, "deadLetter.reasonClass}", "deadLetter.reasonClas}");
        Path items = routes.resolve("item-to-dynamodb.camel.yaml");
        int bean = replace(items, "method: confirmStale", "method: confirmStal");

        CliRun run = CliRun.run(Map.of(), "validate-routes", routes.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(
                deadLetters + ":" + stepAbove(deadLetters, record) + ": ${exchangeProperty.deadLetter.reasonClas}: "
                        + "exchange property deadLetter here is a DeadLetterRecord, which has no method or property "
                        + "reasonClas",
                items + ":" + stepAbove(items, bean) + ": bean itemWrites (ItemWrites) has no method confirmStal");
        assertThat(run.out()).isEqualTo("2 problem(s) in " + routes + "\n");
    }

    private List<String> problems() {
        return RouteCheck.check(routes).stream().map(RouteCheck.Problem::toString).toList();
    }

    /** Replaces the first occurrence; returns the 1-based line it was on. */
    private static int replace(Path file, String text, String replacement) throws IOException {
        String content = Files.readString(file);
        int at = content.indexOf(text);
        assertThat(at).as(text + " in " + file).isNotNegative();
        Files.writeString(file, content.substring(0, at) + replacement + content.substring(at + text.length()));
        return lineAt(content, at);
    }

    /** Inserts lines before the one occurrence of {@code text}; returns the 1-based line of the first inserted. */
    private static int insertBefore(Path file, String text, String lines) throws IOException {
        String content = Files.readString(file);
        int at = content.indexOf(text);
        assertThat(at).as(text + " once in " + file).isNotNegative().isEqualTo(content.lastIndexOf(text));
        Files.writeString(file, content.substring(0, at) + lines + content.substring(at));
        return lineAt(content, at);
    }

    /** The line of the step that holds {@code line}: the nearest step opening at or above it. */
    private static int stepAbove(Path file, int line) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = line - 1; i >= 0; i--) {
            if (STEP.matcher(lines.get(i)).matches()) {
                return i + 1;
            }
        }
        throw new AssertionError("no step above line " + line + " of " + file);
    }

    private static int lineAt(String content, int offset) {
        return (int) content.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
