package com.orderrouter.routetest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.orderrouter.cli.CommandContext;
import com.orderrouter.cli.ExitStatus;
import com.orderrouter.cli.Version;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code order-router test-routes [DIR]}: the route tests an integration engineer wrote as data under
 * {@code DIR/tests/}, run through the real routes of DIR with no network ({@link OfflineService}); one line per test
 * and a summary.
 */
@Command(name = "test-routes", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs the route tests in DIR/tests/*.yaml (a message, what the table holds, what must be true "
                + "after) through the routes of DIR, with an in-memory table and mocked S3, SNS and SQS endpoints: no "
                + "AWS call is made. One line per test, then a summary.",
        footer = {"", "Exit status: 0 every test passed, 1 a test failed, could not be read, or none was found."})
public final class TestRoutesCommand implements Callable<Integer> {

    private final CommandContext context;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "the routes folder; default: ROUTES_DIR, else ./routes")
    private Path dir;

    public TestRoutesCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        // the report, not the service's log lines about each test's message; the logging configured again after
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
        try {
            return report(dir != null ? dir : Path.of(context.env().getOrDefault("ROUTES_DIR", "routes")));
        } finally {
            Configurator.reconfigure();
        }
    }

    private int report(Path routes) throws IOException {
        List<Path> files = RouteTestCase.files(routes);
        if (files.isEmpty()) {
            context.err().println("no route tests: " + routes.resolve("tests") + " holds no *.yaml");
            return ExitStatus.FAILED;
        }
        for (Path other : RouteTestCase.notTests(routes)) {
            context.out().println("skip " + other + ": not a route test (those are *.yaml files directly in "
                    + routes.resolve("tests") + ")");
        }
        List<RouteTestCase> tests = new ArrayList<>();
        int failed = 0;
        for (Path file : files) {
            try {
                tests.add(RouteTestCase.read(file));
            } catch (MalformedRouteTestException e) {
                context.out().println("FAIL " + e.getMessage());
                failed++;
            }
        }
        try (OfflineService service = OfflineService.start(routes)) {
            RouteTestRunner runner = new RouteTestRunner(service);
            for (RouteTestCase test : tests) {
                RouteTestRunner.Result result = runner.run(test);
                if (result.passed()) {
                    context.out().println("ok   " + test.name());
                } else {
                    failed++;
                    context.out().println("FAIL " + test.name() + " (" + test.file() + ")");
                    result.failures().forEach(failure -> context.out().println("       " + failure));
                }
            }
        } catch (Exception e) {
            context.err().println("the routes of " + routes + " did not start: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        context.out().println((files.size() - failed) + " passed, " + failed + " failed: " + routes.resolve("tests"));
        return failed == 0 ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
