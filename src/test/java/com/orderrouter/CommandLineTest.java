package com.orderrouter;

import java.io.InputStream;
import java.util.Map;

import com.orderrouter.cli.CliRun;
import com.orderrouter.cli.CommandContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's command line as a user meets it: help for every command, a help command listing them, usage errors.
 * Runs have an empty environment and no SQS clients, so a command that went past its usage would fail the test
 * (settings errors exit 2 with other output; making a client throws).
 */
class CommandLineTest {

    private static final Map<String, String> NO_SETTINGS = Map.of();

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "send", "redrive", "replay", "validate-routes"})
    void everyCommandAnswersHelpOptionsWithItsUsageAndExit0(String command) {
        for (String help : new String[] {"--help", "-h"}) {
            CliRun run = CliRun.run(NO_SETTINGS, args(command, help));

            assertThat(run.exit()).as(help).isZero();
            assertThat(run.out()).as(help).startsWith("Usage: order-router" + (command.isEmpty() ? " " : " " + command))
                    .contains("-h, --help");
            assertThat(run.err()).as(help).isEmpty();
        }
    }

    @Test
    void helpCommandListsEveryCommand() {
        CliRun run = CliRun.run(NO_SETTINGS, "help");

        assertThat(run.exit()).isZero();
        assertThat(run.outLines()).filteredOn(line -> line.matches("  [a-z-]+ .*"))
                .map(line -> line.trim().split(" ")[0])
                .containsExactly("run", "send", "redrive", "replay", "validate-routes", "test-routes", "help");
        assertThat(run.out()).isEqualTo(CliRun.run(NO_SETTINGS, "--help").out());
    }

    @Test
    void helpCommandWithACommandShowsThatCommandsUsage() {
        CliRun run = CliRun.run(NO_SETTINGS, "help", "redrive");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(CliRun.run(NO_SETTINGS, "redrive", "--help").out())
                .contains("--dry-run", "--max=N", "--reason-class=CLASS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run", "send", "redrive", "replay", "validate-routes"})
    void anUnknownOptionExits2WithOneLineNamingItThenTheUsage(String command) {
        CliRun run = CliRun.run(NO_SETTINGS, args(command, "--bogus"));

        String name = command.isEmpty() ? "order-router" : "order-router " + command;
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(name + ": Unknown option: '--bogus'\n"
                + CliRun.run(NO_SETTINGS, args(command, "--help")).out());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownCommandExits2() {
        CliRun run = CliRun.run(NO_SETTINGS, "rewind");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.errLines()).first().isEqualTo("order-router: Unmatched argument at index 0: 'rewind'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "run"})
    void withoutACommandOrWithRunItIsTheService(String command) {
        CliRun run = CliRun.run(NO_SETTINGS, command.isEmpty() ? new String[0] : new String[] {command});

        assertThat(run.exit()).as("missing settings").isEqualTo(2);
        assertThat(run.err()).startsWith("order-router cannot start, fix these environment variables:")
                .contains("QUEUE_URL is not set");
    }

    @Test
    void everyOptionOfEveryCommandHasHelpText() {
        CommandLine commandLine = OrderRouterMain.commandLine(new CommandContext(NO_SETTINGS, InputStream.nullInputStream(),
                System.out, System.err, CliRun.NO_CLIENT, CliRun.NO_S3_CLIENT));
        for (CommandLine command : commandLine.getSubcommands().values()) {
            assertThat(command.getCommandSpec().options()).as(command.getCommandName())
                    .allSatisfy(option -> assertThat(String.join(" ", option.description())).as(option.longestName())
                            .isNotBlank());
        }
        assertThat(CliRun.run(NO_SETTINGS, "replay", "--help").out()).contains("--from=YYYY-MM-DD",
                "--to=YYYY-MM-DD", "--reason-class=CLASS", "--message-id=ID", "--max=N", "--dry-run", "--again");
    }

    @Test
    void versionOptionPrintsTheVersion() {
        CliRun run = CliRun.run(NO_SETTINGS, "--version");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("order-router ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"send --type order_created --data {}", "redrive"})
    void anAwsErrorNoCommandHandlesExits1WithOneLineNamingTheCommandAndTheError(String commandLine) {
        Map<String, String> env = Map.of("QUEUE_URL", "http://127.0.0.1:1/000000000000/orders-queue",
                "DLQ_URL", "http://127.0.0.1:1/000000000000/orders-dlq", "AWS_REGION", "us-east-1");
        String error = "Unable to load credentials from any of the providers in the chain";

        CliRun run = CliRun.run(env, InputStream.nullInputStream(), region -> {
            throw SdkClientException.create(error);
        }, commandLine.split(" "));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("order-router " + commandLine.split(" ")[0] + ": " + error + "\n");
        assertThat(run.out()).isEmpty();
    }

    private static String[] args(String command, String option) {
        return command.isEmpty() ? new String[] {option} : new String[] {command, option};
    }
}
