package com.orderrouter.redrive;

import java.util.Set;

/**
 * What one {@code redrive} run moves (from {@link RedriveCommand}'s options).
 *
 * @param max at most this many messages are moved (or listed); null: no limit
 * @param reasonClasses only messages of these reason classes; empty: every message
 */
record RedriveOptions(boolean dryRun, Integer max, Set<String> reasonClasses) {

    /** Every message matches without a filter; messages without error-class match max-receives-exceeded. */
    boolean matches(DeadLetter deadLetter) {
        return reasonClasses.isEmpty() || reasonClasses.contains(deadLetter.reasonClass());
    }

    /** SQS's own move task can neither filter nor stop at a count. */
    boolean movesEverything() {
        return max == null && reasonClasses.isEmpty();
    }
}
