package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.QuotaWaitEstimated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The wall-clock punctuation that finds deletions past their deadline. It runs on the wall clock because stream time
 * only moves with new records, and a quiet topic is exactly when a lost deletion must still be noticed. It reads only
 * the deadline index up to now, not every deletion. A deletion whose deadline passes is given the worker's latest
 * estimate for it, if there is one ({@link QuotaWaits}).
 */
final class DeadlineCheck {

    private final KeyValueStore<String, TrackedDeletion> deletions;
    private final KeyValueStore<String, String> deadlines;
    private final ReadOnlyKeyValueStore<String, QuotaWaitEstimated> quotaWaits;
    private final DeadlineTransitions transitions;
    private final TransitionRecorder recorder;

    DeadlineCheck(
            KeyValueStore<String, TrackedDeletion> deletions,
            KeyValueStore<String, String> deadlines,
            ReadOnlyKeyValueStore<String, QuotaWaitEstimated> quotaWaits,
            DeadlineTransitions transitions,
            TransitionRecorder recorder) {
        this.deletions = deletions;
        this.deadlines = deadlines;
        this.quotaWaits = quotaWaits;
        this.transitions = transitions;
        this.recorder = recorder;
    }

    void expireDue(Instant now) {
        for (KeyValue<String, String> entry : dueBy(now)) {
            TrackedDeletion current = deletions.get(entry.value);
            if (entry.key.equals(TransitionRecorder.deadlineKey(current))) {
                QuotaWaitEstimated quotaWait =
                        quotaWaits.get(current.deletionId().toString());
                recorder.record(transitions.onDeadlineMissed(current, quotaWait, now), now);
            } else {
                deadlines.delete(entry.key); // an index entry left behind by a state that has moved on
            }
        }
    }

    /** Read first and changed after: the transitions rewrite the index being read. */
    private List<KeyValue<String, String>> dueBy(Instant now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = deadlines.range(TimeKeys.FIRST, TimeKeys.through(now))) {
            entries.forEachRemaining(due::add);
        }
        return due;
    }
}
