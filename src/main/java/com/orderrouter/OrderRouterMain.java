package com.orderrouter;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.orderrouter.cli.CommandContext;
import com.orderrouter.cli.ExitStatus;
import com.orderrouter.cli.Version;
import com.orderrouter.ops.ValidateRoutesCommand;
import com.orderrouter.producer.SendCommand;
import com.orderrouter.redrive.RedriveCommand;
import com.orderrouter.replay.ReplayCommand;
import com.orderrouter.routetest.TestRoutesCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The jar's entry point, {@code order-router [COMMAND]}: without a command it runs the service ({@link RunCommand}),
 * as the container does; the other commands are registered in {@link #commandLine(CommandContext)}. Also the class
 * Camel Main scans from for the service's configuration ({@code com.orderrouter.config}).
 */
@Command(name = "order-router", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Order events from SQS into DynamoDB, dead letters into S3 and SNS. Without a command it runs "
                + "the service (as 'run' does).",
        footer = {"", "Settings come from environment variables (see the README's Configuration table).",
                "Exit status: 0 done, 1 failed, 2 usage error or missing/invalid setting. "
                        + "'order-router help COMMAND' or 'order-router COMMAND --help' shows a command's options."})
public final class OrderRouterMain implements Callable<Integer> {

    private final CommandContext context;

    private OrderRouterMain(CommandContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CommandContext.system()).execute(args));
    }

    /**
     * Every command, registered in one place; a new one is a {@code @Command} class implementing
     * {@code Callable<Integer>} (its exit status) that takes the {@link CommandContext}.
     *
     * @return the command line, writing help and usage errors to the context's streams
     */
    public static CommandLine commandLine(CommandContext context) {
        CommandLine commandLine = new CommandLine(new OrderRouterMain(context))
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new SendCommand(context))
                .addSubcommand(new RedriveCommand(context))
                .addSubcommand(new ReplayCommand(context))
                .addSubcommand(new ValidateRoutesCommand(context))
                .addSubcommand(new TestRoutesCommand(context))
                .addSubcommand(new HelpCommand());
        return commandLine.setOut(new PrintWriter(context.out(), true))
                .setErr(new PrintWriter(context.err(), true))
                .setParameterExceptionHandler(USAGE_ERROR)
                .setExecutionExceptionHandler(AWS_ERROR);
    }

    /** No command: the service. */
    @Override
    public Integer call() {
        return new RunCommand(context).call();
    }

    /**
     * A usage error: one line naming the command and the problem, then the usage, on stderr; exit 2. (Picocli's
     * default prints "did you mean" suggestions instead of the usage for an unknown option.)
     */
    private static final IParameterExceptionHandler USAGE_ERROR = (exception, args) -> {
        CommandLine command = exception.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
        command.usage(err);
        err.flush();
        return ExitStatus.USAGE;
    };

    /**
     * An AWS error a command did not handle itself: one line naming the command, the call and the error (see
     * {@link com.orderrouter.cli.OperationInErrors}) on stderr; exit 1. A stack trace would tell an operator nothing
     * more. Any other exception is a bug: picocli's default, the stack trace, is what fixing it takes.
     */
    private static final IExecutionExceptionHandler AWS_ERROR = (exception, command, parseResult) -> {
        if (!(exception instanceof SdkException)) {
            throw exception;
        }
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
        err.flush();
        return ExitStatus.FAILED;
    };
}
