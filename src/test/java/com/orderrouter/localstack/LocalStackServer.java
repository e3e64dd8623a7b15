package com.orderrouter.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * Runs the local AWS stack on its own for tools outside the JVM (the container check): writes the service's
 * environment for it as KEY=VALUE lines to the given file, then serves until the process is stopped.
 */
public final class LocalStackServer {

    private LocalStackServer() {
    }

    public static void main(String[] args) throws Exception {
        Path envFile = Path.of(args.length > 0 ? args[0] : "target/local-stack.env").toAbsolutePath();
        LocalAwsStack stack = LocalAwsStack.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        String env = stack.serviceEnvironment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Path partial = envFile.resolveSibling(envFile.getFileName() + ".partial");
        Files.writeString(partial, env);
        Files.move(partial, envFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("local AWS stack ready; its environment is in " + envFile);
        stopped.await();
    }
}
