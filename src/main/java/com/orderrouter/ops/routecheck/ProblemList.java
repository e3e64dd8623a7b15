package com.orderrouter.ops.routecheck;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.orderrouter.ops.RouteCheck.Problem;
import org.apache.camel.NamedNode;

/**
 * The problems found in the loaded routes, each once (a route configuration's onException is in every route that
 * uses it), named by file and line; a step Camel did not record the source of is named by the routes folder.
 */
final class ProblemList implements Findings {

    private final SourceLines lines;
    private final Path routesDir;
    private final Set<Problem> problems = new LinkedHashSet<>();

    ProblemList(SourceLines lines, Path routesDir) {
        this.lines = lines;
        this.routesDir = routesDir;
    }

    @Override
    public void at(NamedNode step, String message) {
        Optional<Path> file = lines.file(step);
        problems.add(file.isPresent() ? new Problem(file.get().toString(), lines.line(step), message)
                : new Problem(routesDir.toString(), 0, message));
    }

    @Override
    public void in(SourceLines.Located place, String message) {
        problems.add(new Problem(place.file().toString(), place.line(), message));
    }

    /** By file, then line. */
    List<Problem> sorted() {
        return problems.stream().sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)).toList();
    }
}
