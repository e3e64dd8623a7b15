package com.orderrouter;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.orderrouter.cli.CommandContext;
import com.orderrouter.cli.ExitStatus;
import com.orderrouter.cli.Version;
import com.orderrouter.config.MalformedDeclarationException;
import com.orderrouter.config.RouteTunables;
import com.orderrouter.config.Setting;
import com.orderrouter.config.Settings;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;

/**
 * {@code order-router run} (and {@code order-router} alone): validates the environment, then runs Camel Main with the
 * YAML routes until the process is stopped. SIGTERM and Ctrl-C are handled by Camel Main's shutdown hook: polling
 * stops, in-flight messages finish within {@code SHUTDOWN_TIMEOUT_SECONDS}, Camel's services (batched deletes
 * included) stop, then the JVM exits with its status for that signal (143 for SIGTERM, 130 for Ctrl-C).
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Runs the service: orders queue -> DynamoDB, dead-letter queue -> S3 archive and SNS alert. "
                + "The default when no command is given.",
        footer = {"", "Settings come from environment variables (QUEUE_URL, DLQ_URL, TABLE_NAME, DLQ_BUCKET, "
                + "ALERTS_TOPIC, AWS_REGION, ...; see the README's Configuration table) and those the routes declare "
                + "in ROUTES_DIR/environment.yaml; all are checked before Camel starts.",
                "Exit status: 2 missing or invalid settings or a malformed environment.yaml, 1 start-up failed; on "
                        + "SIGTERM 143 after a graceful shutdown (the JVM's status for that signal)."})
final class RunCommand implements Callable<Integer> {

    private final CommandContext context;

    RunCommand(CommandContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Map<String, String> properties;
        try {
            properties = Settings.toProperties(context.env());
        } catch (Settings.InvalidSettingsException | MalformedDeclarationException e) {
            context.err().println(e.getMessage());
            return ExitStatus.USAGE;
        }
        Main main = new Main(OrderRouterMain.class);
        main.setPropertyPlaceholderLocations(
                RouteTunables.placeholderLocations(Path.of(properties.get(Setting.ROUTES_DIR.property()))));
        // the environment's settings win over both files
        properties.forEach(main::addOverrideProperty);
        try {
            main.run();
        } catch (Exception e) {
            context.err().println("order-router failed to start: " + e.getMessage());
            return ExitStatus.FAILED;
        }
        return main.getExitCode();
    }
}
