package com.orderrouter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.orderrouter.config.Settings;
import com.orderrouter.ops.RouteCheck;
import com.orderrouter.producer.SendCommand;
import com.orderrouter.redrive.RedriveCommand;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import sun.misc.Signal;

/**
 * Starts the service: validates the environment, then runs Camel Main with the YAML routes. Other commands:
 * {@code validate-routes [dir]} checks route files ({@link RouteCheck}); {@code send ...} produces order events
 * ({@link SendCommand}); {@code redrive ...} moves dead letters back ({@link RedriveCommand}).
 */
public final class OrderRouterMain {

    /** Exit status when the environment is missing or invalid settings (distinct from a crash). */
    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_FAILED = 1;

    private OrderRouterMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("send")) {
            System.exit(SendCommand.run(List.of(args).subList(1, args.length), System.getenv(), System.in, System.out,
                    System.err));
        }
        if (args.length > 0 && args[0].equals("redrive")) {
            System.exit(RedriveCommand.run(List.of(args).subList(1, args.length), System.getenv(), System.out,
                    System.err));
        }
        if (args.length > 0 && args[0].equals("validate-routes")) {
            System.exit(validateRoutes(Path.of(args.length > 1 ? args[1]
                    : Optional.ofNullable(System.getenv("ROUTES_DIR")).orElse("routes"))));
        }
        Map<String, String> properties;
        try {
            properties = Settings.toProperties(System.getenv());
        } catch (Settings.InvalidSettingsException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        Main main = new Main(OrderRouterMain.class);
        properties.forEach(main::addOverrideProperty);
        // SIGTERM (ECS stopping the task) and Ctrl-C: stop polling, let in-flight messages finish within
        // SHUTDOWN_TIMEOUT_SECONDS, then exit 0. Left to the JVM's default, the signal would end it with 143.
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), received -> main.completed());
        }
        try {
            main.run(args);
        } catch (Exception e) {
            System.err.println("order-router failed to start: " + e.getMessage());
            System.exit(EXIT_FAILED);
        }
        System.exit(main.getExitCode());
    }

    /** {@code validate-routes [dir]}: schema and load check of the route files, for engineers before deploying. */
    private static int validateRoutes(Path dir) {
        Configurator.setRootLevel(Level.ERROR); // the report, not start-up chatter
        List<RouteCheck.Problem> problems = RouteCheck.check(dir);
        problems.forEach(problem -> System.err.println(problem));
        System.out.println(problems.isEmpty() ? "routes OK: " + dir : problems.size() + " problem(s) in " + dir);
        return problems.isEmpty() ? 0 : EXIT_FAILED;
    }
}
