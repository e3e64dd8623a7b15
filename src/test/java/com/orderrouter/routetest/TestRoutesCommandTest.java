package com.orderrouter.routetest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.orderrouter.cli.CliRun;
import com.orderrouter.testing.FixedRoutes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code order-router test-routes DIR}: a line per test, a summary, and an exit status CI can act on. On the fixed
 * routes and their tests ({@link FixedRoutes}), so only the test this one breaks fails, whatever routes/ holds.
 */
class TestRoutesCommandTest {

    @TempDir
    Path folder;

    @Test
    void aFailingTestIsNamedWithWhatDifferedAndTheRunExitsOne() throws Exception {
        Path routes = FixedRoutes.copy(folder.resolve("routes"));
        Path stale = routes.resolve("tests/order-updated-older-than-stored-is-stale.yaml");
        Files.writeString(stale, Files.readString(stale).replace("outcome: stale", "outcome: success"));
        long tests = RouteTestCase.files(routes).size();
        Path misnamed = Files.copy(stale, routes.resolve("tests/stale-again.yml"));

        CliRun run = CliRun.run(Map.of(), "test-routes", routes.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.outLines()).first().isEqualTo("skip " + misnamed + ": not a route test (those are *.yaml files "
                + "directly in " + routes.resolve("tests") + ")");
        assertThat(run.outLines()).filteredOn(line -> line.startsWith("ok   ")).hasSize((int) tests - 1);
        assertThat(run.outLines()).containsSubsequence(
                "FAIL order-updated-older-than-stored-is-stale (" + stale + ")",
                "       outcome: expected success, got stale");
        assertThat(run.outLines()).last().isEqualTo((tests - 1) + " passed, 1 failed: " + routes.resolve("tests"));
    }

    @Test
    void whenEveryTestPassesTheRunExitsZero() throws Exception {
        Path routes = FixedRoutes.copy(folder.resolve("routes"));
        List<String> names = RouteTestCase.files(routes).stream()
                .map(file -> file.getFileName().toString().replaceFirst("\\.yaml$", "")).toList();

        CliRun run = CliRun.run(Map.of(), "test-routes", routes.toString());

        assertThat(run.exit()).isEqualTo(0);
        assertThat(names).isNotEmpty();
        assertThat(run.outLines()).containsExactlyElementsOf(Stream.concat(names.stream().map(name -> "ok   " + name),
                Stream.of(names.size() + " passed, 0 failed: " + routes.resolve("tests"))).toList());
    }

    @Test
    void aFolderWithoutTestsIsAFailureNotASilentPass() {
        CliRun run = CliRun.run(Map.of(), "test-routes", folder.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("no route tests: " + folder.resolve("tests") + " holds no *.yaml\n");
    }
}
