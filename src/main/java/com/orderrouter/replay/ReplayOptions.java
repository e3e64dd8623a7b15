package com.orderrouter.replay;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What one {@code replay} run selects and does (from {@link ReplayCommand}'s options).
 *
 * @param from          first day (UTC) of the archive to look at, the {@code failed/yyyy/mm/dd/} prefix
 * @param to            last day (UTC), inclusive; not before {@code from}
 * @param reasonClasses only dead letters of these reason classes; empty: every class
 * @param messageIds    only these source message ids (the archive key's name); empty: every message
 * @param max           at most this many are replayed (or listed); null: no limit
 * @param again         also dead letters replayed before
 */
record ReplayOptions(LocalDate from, LocalDate to, Set<String> reasonClasses, Set<String> messageIds, Integer max,
        boolean dryRun, boolean again) {

    ReplayOptions {
        reasonClasses = Set.copyOf(reasonClasses);
        messageIds = Set.copyOf(messageIds);
    }

    /** Every day of the range, oldest first. */
    List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    boolean selectsMessage(String sourceMessageId) {
        return messageIds.isEmpty() || messageIds.contains(sourceMessageId);
    }

    boolean selectsReasonClass(String reasonClass) {
        return reasonClasses.isEmpty() || reasonClasses.contains(reasonClass);
    }

    boolean reachedMax(int count) {
        return max != null && count >= max;
    }
}
