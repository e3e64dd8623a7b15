package com.orderrouter.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import com.orderrouter.cli.CliRun;
import com.orderrouter.testing.FixedRoutes;
import com.orderrouter.testing.RouteFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The route check engineers run before deploying; the project's own routes must pass it. */
class RouteCheckTest {

    @TempDir
    Path routes;

    @Test
    void theProjectsRoutesPass() {
        assertThat(RouteCheck.check(Path.of("routes"))).isEmpty();
    }

    @Test
    void anUnknownStepIsReportedWithItsFileAndLine() throws IOException {
        copyProjectRoutes();
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        List<String> lines = Files.readAllLines(file);
        int line = lines.indexOf("        - unmarshal:") + 1;
        lines.set(line - 1, "        - unmarshall:");
        Files.write(file, lines);

        List<RouteCheck.Problem> problems = RouteCheck.check(routes);

        assertThat(problems).isNotEmpty().allSatisfy(problem -> {
            assertThat(problem.file()).endsWith("orders-sqs-to-dynamodb.camel.yaml");
            assertThat(problem.line()).isEqualTo(line);
        });
        assertThat(problems).anySatisfy(problem -> assertThat(problem.message()).contains("unmarshall"));
    }

    @Test
    void aMissingBeanIsReportedAtTheStepThatCallsIt() throws IOException {
        copyProjectRoutes();
        Path file = routes.resolve("orders-dlq-to-s3-and-sns.camel.yaml");
        List<String> lines = Files.readAllLines(file);
        int ref = lines.indexOf("              ref: deadLetterArchive");
        int step = lines.subList(0, ref).lastIndexOf("        - setProperty:") + 1;
        lines.set(ref, "              ref: deadLetterArchiv");
        Files.write(file, lines);

        List<RouteCheck.Problem> problems = RouteCheck.check(routes);

        assertThat(problems).map(RouteCheck.Problem::toString)
                .containsExactly(file + ":" + step + ": no bean named deadLetterArchiv in the registry");
    }

    @Test
    void theTunablesAreReadFromTheFolderChecked() throws IOException {
        copyProjectRoutes();
        Files.delete(routes.resolve("orders.properties"));

        List<RouteCheck.Problem> problems = RouteCheck.check(routes);

        assertThat(problems).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains(routes.resolve("orders.properties").toString()));
    }

    @Test
    void aRouteMayUseAVariableItsFolderDeclares() throws IOException {
        // routes whose declarations are fixed (the refunds queue), and a variable no routes folder declares
        FixedRoutes.copy(routes);
        Files.writeString(routes.resolve("audit.camel.yaml"), """
                - route:
                    id: audit
                    from:
                      uri: direct:audit
                      steps:
                        - setBody:
                            constant: "{{orders.audit.queue-url}}"
                """);

        assertThat(RouteCheck.check(routes)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("orders.audit.queue-url"));

        Files.writeString(routes.resolve("environment.yaml"), """
                  - name: AUDIT_QUEUE_URL
                    property: orders.audit.queue-url
                    required: true
                    check: sqs-queue-url
                    description: queue audited orders are copied to
                """, StandardOpenOption.APPEND);

        assertThat(RouteCheck.check(routes)).isEmpty();
    }

    @Test
    void aMalformedDeclarationIsReportedWithItsFileAndLine() throws IOException {
        copyProjectRoutes();
        Files.writeString(routes.resolve("environment.yaml"), "variables:\n  - name: REFUNDS_QUEUE_URL\n");

        assertThat(RouteCheck.check(routes)).map(RouteCheck.Problem::toString)
                .contains(routes.resolve("environment.yaml") + ":2: REFUNDS_QUEUE_URL: property is missing");
    }

    @Test
    void validateRoutesCommandPrintsEachProblemAndExits1() throws IOException {
        copyProjectRoutes();
        Path file = routes.resolve("orders-sqs-to-dynamodb.camel.yaml");
        Files.writeString(file, Files.readString(file).replace("        - unmarshal:", "        - unmarshall:"));

        CliRun run = CliRun.run(Map.of(), "validate-routes", routes.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.errLines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(file + ":"));
        assertThat(run.out()).isEqualTo(run.errLines().size() + " problem(s) in " + routes + "\n");
    }

    @Test
    void validateRoutesCommandChecksRoutesDirWithoutAnArgument() {
        CliRun run = CliRun.run(Map.of("ROUTES_DIR", routes.toString()), "validate-routes");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(routes + ":0: no *.yaml route files\n");
        assertThat(run.out()).isEqualTo("1 problem(s) in " + routes + "\n");
    }

    private void copyProjectRoutes() throws IOException {
        RouteFiles.copy(Path.of("routes"), routes);
    }
}
