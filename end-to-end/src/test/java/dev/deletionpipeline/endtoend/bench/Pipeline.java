package dev.deletionpipeline.endtoend.bench;

import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Duration;
import java.util.Collection;

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

    /** Waits until {@code expected} of the blocks have their confirmation (the others' deletes failed). */
    void awaitConfirmed(Collection<?> blockIds, long expected, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> confirmed.seenOf(blockIds) >= expected);
    }

    @Override
    public void close() throws InterruptedException {
        softDeleted.close();
        confirmed.close();
    }
}
