package dev.deletionpipeline.reconciler.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The part of the wall-clock punctuation that forgets finished deletions whose retention is over (see
 * {@link FinishedRetention}). It reads only the due part of the {@link TrackingStores#FINISHED} index, not every
 * deletion; an entry whose deletion has moved on since (e.g. a restored block soft-deleted again) is just dropped.
 */
final class RetentionCheck {

    private final KeyValueStore<String, TrackedDeletion> deletions;
    private final KeyValueStore<String, String> finished;
    private final FinishedRetention retention;
    private final TransitionRecorder recorder;

    RetentionCheck(
            KeyValueStore<String, TrackedDeletion> deletions,
            KeyValueStore<String, String> finished,
            FinishedRetention retention,
            TransitionRecorder recorder) {
        this.deletions = deletions;
        this.finished = finished;
        this.retention = retention;
        this.recorder = recorder;
    }

    void forgetDue(Instant now) {
        for (KeyValue<String, String> entry : dueBy(now)) {
            TrackedDeletion current = deletions.get(entry.value);
            if (entry.key.equals(retention.indexKey(current))) {
                recorder.forget(current, now);
            } else {
                finished.delete(entry.key);
            }
        }
    }

    /** Read first and changed after: forgetting rewrites the index being read. */
    private List<KeyValue<String, String>> dueBy(Instant now) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = finished.range(TimeKeys.FIRST, TimeKeys.through(now))) {
            entries.forEachRemaining(due::add);
        }
        return due;
    }
}
