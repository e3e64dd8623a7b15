package com.orderrouter.replay;

/**
 * What a run did. In a dry run {@code replayed} counts what would be replayed.
 *
 * @param replayed         sent to the orders queue and marked
 * @param skipped          selected, but replayed before (and no {@code --again})
 * @param failed           not replayable, not sent, or sent but not marked (a rerun sends those again)
 * @param stoppedBy        why the run ended before the range was done (S3 or SQS unreachable, a mark not written), or
 *                         null
 */
record ReplayResult(int replayed, int skipped, int failed, String stoppedBy) {

    boolean succeeded() {
        return failed == 0 && stoppedBy == null;
    }

    String summary(boolean dryRun) {
        return dryRun ? "dry run, nothing sent: would-replay=" + replayed + " skipped-already-replayed=" + skipped
                + " failed=" + failed
                : "replayed=" + replayed + " skipped-already-replayed=" + skipped + " failed=" + failed;
    }
}
