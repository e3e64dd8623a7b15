package com.orderrouter.redrive;

/**
 * What a run did: {@code moved} messages are on the orders queue and gone from the DLQ, {@code failed} ones could not
 * be moved (they are still in the DLQ), {@code left} ones were not selected by {@code --reason-class}. In a dry run
 * {@code moved} counts the messages that would move.
 *
 * @param stoppedBy why the run ended before the DLQ was exhausted (an SQS error), or null
 */
record RedriveResult(int moved, int failed, int left, String stoppedBy) {

    boolean succeeded() {
        return failed == 0 && stoppedBy == null;
    }

    String summary(boolean dryRun) {
        return dryRun ? "dry run, nothing moved: would-move=" + moved + " left=" + left
                : "moved=" + moved + " failed=" + failed + " left=" + left;
    }
}
