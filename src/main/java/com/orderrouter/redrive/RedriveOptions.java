package com.orderrouter.redrive;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code redrive}: {@code [--dry-run] [--max N] [--reason-class X[,Y]]...}.
 *
 * @param max at most this many messages are moved (or listed); null: no limit
 * @param reasonClasses only messages of these reason classes; empty: every message
 */
record RedriveOptions(boolean dryRun, Integer max, Set<String> reasonClasses) {

    static final String USAGE = """
            usage: redrive [--dry-run] [--max N] [--reason-class CLASS[,CLASS...]]...
              Moves messages from the dead-letter queue (DLQ_URL) back to the orders queue (QUEUE_URL).
              --dry-run            list what would move (id, reason class, reason); nothing is moved
              --max N              move at most N messages
              --reason-class X     only messages whose error-class is X (max-receives-exceeded for messages
                                   SQS moved after too many receives); repeatable or comma-separated
              Without --max and --reason-class, SQS moves everything itself (StartMessageMoveTask) when the
              server supports it (the counts are then SQS's approximations); otherwise messages are copied
              one by one and deleted from the DLQ only after the copy was sent. Needs DLQ_URL, QUEUE_URL and
              AWS_REGION; the AWS SDK's own variables (AWS_ENDPOINT_URL_SQS, credentials) apply.
              Exit status: 0 all moved, 1 some failed, 2 usage or configuration error.""";

    /** Every message matches without a filter; messages without error-class match max-receives-exceeded. */
    boolean matches(DeadLetter deadLetter) {
        return reasonClasses.isEmpty() || reasonClasses.contains(deadLetter.reasonClass());
    }

    /** SQS's own move task can neither filter nor stop at a count. */
    boolean movesEverything() {
        return max == null && reasonClasses.isEmpty();
    }

    static RedriveOptions parse(List<String> args) {
        boolean dryRun = false;
        Integer max = null;
        Set<String> reasonClasses = new LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--dry-run" -> dryRun = true;
                case "--max" -> max = positive(valueOf(args, ++i, arg));
                case "--reason-class" -> Arrays.stream(valueOf(args, ++i, arg).split(","))
                        .map(String::strip).filter(c -> !c.isEmpty()).forEach(reasonClasses::add);
                default -> throw new UsageException("unknown argument: " + arg);
            }
        }
        return new RedriveOptions(dryRun, max, Set.copyOf(reasonClasses));
    }

    private static String valueOf(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int positive(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new UsageException("--max needs a positive number, got: " + value);
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
