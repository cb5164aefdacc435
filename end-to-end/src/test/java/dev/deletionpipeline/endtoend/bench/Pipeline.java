package dev.deletionpipeline.endtoend.bench;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the benchmark watches of the pipeline: the first {@code BlockSoftDeleted} of each block on
 * {@code blocks.lifecycle.v1} and the first {@code HardDeleteConfirmed} on {@code blocks.hard-delete-confirmed.v1},
 * both read from the moment the benchmark starts.
 */
final class Pipeline implements AutoCloseable {

    private final TopicRecorder softDeleted;
    private final TopicRecorder confirmed;

    Pipeline(String kafkaBootstrap) {
        softDeleted = new TopicRecorder(
                kafkaBootstrap, Topics.BLOCKS_LIFECYCLE.name(), EventTypes.typeOf(BlockSoftDeleted.class));
        confirmed = new TopicRecorder(
                kafkaBootstrap, Topics.HARD_DELETE_CONFIRMED.name(), EventTypes.typeOf(HardDeleteConfirmed.class));
    }

    TopicRecorder softDeleted() {
        return softDeleted;
    }

    TopicRecorder confirmed() {
        return confirmed;
    }

    /** Waits until every block has its confirmation on Kafka. */
    void awaitConfirmed(Collection<?> blockIds, Duration atMost) {
        awaitConfirmed(blockIds, blockIds.size(), atMost);
    }

    /**
     * Waits until {@code expected} of the blocks have their confirmation (the others' deletes failed); if they do not
     * come in time, says which are missing and whether their {@code BlockSoftDeleted} was seen, where a search starts.
     */
    void awaitConfirmed(Collection<?> blockIds, long expected, Duration atMost) {
        try {
            await().atMost(atMost)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> confirmed.seenOf(blockIds) >= expected);
        } catch (ConditionTimeoutException e) {
            List<?> missing =
                    blockIds.stream().filter(id -> confirmed.seen(id) == null).toList();
            String sample = missing.stream()
                    .limit(10)
                    .map(id -> id + (softDeleted.seen(id) == null ? " (no BlockSoftDeleted either)" : ""))
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException(
                    missing.size() + " of " + blockIds.size() + " blocks have no HardDeleteConfirmed after " + atMost
                            + " (" + expected + " expected), e.g. " + sample,
                    e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        softDeleted.close();
        confirmed.close();
    }
}
