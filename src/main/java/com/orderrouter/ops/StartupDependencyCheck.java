package com.orderrouter.ops;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every AWS dependency (QUEUE_URL, DLQ_URL, DLQ_BUCKET, ALERTS_TOPIC) checked once when the context starts, before any
 * other service or route uses them: a resource that does not exist or may not be used, or no credentials at all, is a
 * misconfiguration that waiting cannot fix, so it stops start-up (RunCommand prints the message and exits 1). One that
 * cannot be reached (network, 5xx, throttling) only warns: the consumers back off until their queue answers and dead
 * letters wait on the DLQ until S3 and SNS do.
 */
public class StartupDependencyCheck implements StartupListener {

    static final String NO_CREDENTIALS = "no AWS credentials: the SDK's default credential chain (environment, system "
            + "properties, web identity, profile, container, instance metadata) found none";

    private static final Logger LOG = LoggerFactory.getLogger(StartupDependencyCheck.class);

    private final List<DependencyCheck> checks;

    public StartupDependencyCheck(List<DependencyCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    /** Runs before the context starts its services and routes (the redrive policy and size limits read the queues). */
    @Override
    public void onCamelContextStarting(CamelContext context, boolean alreadyStarted) {
        if (!alreadyStarted) {
            verify();
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // checked before the routes start
    }

    /**
     * @throws IllegalStateException naming the credential chain when there are no credentials (every dependency fails
     *                               alike, so once), else naming each setting whose resource does not exist or may
     *                               not be used
     */
    void verify() {
        List<Dependency.Problem> problems = checks.stream().flatMap(check -> check.problems().stream()).toList();
        if (problems.stream().anyMatch(problem -> problem.fault() == DependencyFault.NO_CREDENTIALS)) {
            throw new IllegalStateException(NO_CREDENTIALS);
        }
        List<Dependency.Problem> fatal = problems.stream().filter(problem -> problem.fault().stopsStartUp()).toList();
        if (!fatal.isEmpty()) {
            throw new IllegalStateException("misconfigured: " + join(fatal));
        }
        if (!problems.isEmpty()) {
            LOG.warn("not reachable at start-up, starting anyway: consumers back off until their queue answers, dead "
                    + "letters wait on the DLQ until S3 and SNS do: {}", join(problems));
        }
    }

    static String join(List<Dependency.Problem> problems) {
        return String.join("; ", problems.stream().map(Dependency.Problem::text).toList());
    }
}
