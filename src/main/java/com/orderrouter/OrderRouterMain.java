package com.orderrouter;

import java.util.List;
import java.util.Map;

import com.orderrouter.config.Settings;
import org.apache.camel.main.Main;
import sun.misc.Signal;

/** Starts the service: validates the environment, then runs Camel Main with the YAML routes. */
public final class OrderRouterMain {

    /** Exit status when the environment is missing or invalid settings (distinct from a crash). */
    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_FAILED = 1;

    private OrderRouterMain() {
    }

    public static void main(String[] args) {
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
}
