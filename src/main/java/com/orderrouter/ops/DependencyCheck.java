package com.orderrouter.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of some of the service's AWS dependencies (the orders queue, the dead-letter queue, the archive's bucket
 * and topic): DOWN while any of them does not answer, with one line per problem naming the setting ("QUEUE_URL=...:
 * SQS answered 400, does not exist (QueueDoesNotExist)"). The same dependencies are checked once before the routes
 * start by {@link StartupDependencyCheck}.
 */
public class DependencyCheck extends AbstractHealthCheck {

    private final List<Dependency> dependencies;

    public DependencyCheck(String id, List<Dependency> dependencies) {
        super("order-router", id);
        this.dependencies = List.copyOf(dependencies);
    }

    @Override
    public boolean isLiveness() {
        return false; // a queue, bucket or topic being away is not a reason to restart the container
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        dependencies.forEach(dependency -> builder.detail(dependency.setting(), dependency.value()));
        List<Dependency.Problem> problems = problems();
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message(StartupDependencyCheck.join(problems)).down();
        }
    }

    /** Each dependency called now, in order. */
    List<Dependency.Problem> problems() {
        return dependencies.stream().map(Dependency::check).flatMap(Optional::stream).toList();
    }
}
