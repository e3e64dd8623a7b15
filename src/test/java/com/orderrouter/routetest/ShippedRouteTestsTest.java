package com.orderrouter.routetest;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route tests the routes ship with (routes/tests/*.yaml), one JUnit test each, run as {@code test-routes} runs
 * them: what a route author owns is tested there, in files they can read and change.
 */
class ShippedRouteTestsTest {

    private static final Path ROUTES = Path.of("routes");
    private static OfflineService service;

    @BeforeAll
    static void startRoutes() throws Exception {
        service = OfflineService.start(ROUTES);
    }

    @AfterAll
    static void stopRoutes() {
        service.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRouteTestFilePasses() throws Exception {
        List<Path> files = RouteTestCase.files(ROUTES);
        assertThat(files).as("routes/tests/*.yaml").isNotEmpty();
        RouteTestRunner runner = new RouteTestRunner(service);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            RouteTestCase test = RouteTestCase.read(file);
            assertThat(runner.run(test).failures()).as(test.description()).isEmpty();
        }));
    }
}
