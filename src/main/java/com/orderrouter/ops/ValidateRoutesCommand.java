package com.orderrouter.ops;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import com.orderrouter.cli.CommandContext;
import com.orderrouter.cli.ExitStatus;
import com.orderrouter.cli.Version;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code order-router validate-routes [DIR]}: {@link RouteCheck} for engineers before they deploy edited routes. */
@Command(name = "validate-routes", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Checks route files before deploying: each *.yaml against the YAML DSL's JSON schema and each "
                + "contract as JSON, then all loaded into a Camel context whose routes are not started (no AWS calls) "
                + "and every step checked: its expressions compile and read only what the body, property or header "
                + "has there, its bean methods and exception type exist, every event type has its branch and its "
                + "DynamoDB write reads only fields its contract declares, every {{property}} is set. Every problem "
                + "is printed, one a line, as FILE:LINE: MESSAGE.",
        footer = {"", "Exit status: 0 routes OK, 1 problems found."})
public final class ValidateRoutesCommand implements Callable<Integer> {

    private final CommandContext context;

    @Parameters(arity = "0..1", paramLabel = "DIR",
            description = "the routes folder; default: ROUTES_DIR, else ./routes")
    private Path dir;

    public ValidateRoutesCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path routes = dir != null ? dir : Path.of(context.env().getOrDefault("ROUTES_DIR", "routes"));
        Configurator.setRootLevel(Level.ERROR); // the report, not start-up chatter
        List<RouteCheck.Problem> problems = RouteCheck.check(routes);
        problems.forEach(context.err()::println);
        context.out().println(problems.isEmpty() ? "routes OK: " + routes : problems.size() + " problem(s) in " + routes);
        return problems.isEmpty() ? ExitStatus.OK : ExitStatus.FAILED;
    }
}
