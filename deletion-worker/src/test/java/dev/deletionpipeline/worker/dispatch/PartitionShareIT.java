package dev.deletionpipeline.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.TestClock;
import dev.deletionpipeline.worker.TestWorker;
import dev.deletionpipeline.worker.WorkerTestStack;
import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.tasks.OwnedPartitions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two worker instances in one consumer group on a lifecycle topic of 3 partitions: each works only the tasks taken in
 * from the partitions it holds, and when one goes away the other works the tasks left in the table for its partitions.
 * Each instance's clock is the test's, so the tasks fall due when the test says, not while the group still settles.
 */
class PartitionShareIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int PARTITIONS = 3;
    private static final int BLOCKS_PER_PARTITION = 4;

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(PartitionShareIT.class).withoutWorker();

    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void instancesWorkTheTasksOfTheirPartitionsAndTakeOverThoseOfAnInstanceThatLeaves() {
        Instant start = Instant.now();
        // due one and three hours from now: the first set while both run, the second after one has gone
        Map<UUID, Integer> firstSet = publishAcrossPartitions(start.plus(Duration.ofHours(1)));
        Map<UUID, Integer> secondSet = publishAcrossPartitions(start.plus(Duration.ofHours(3)));
        Instance a = new Instance("worker-a");
        Instance b = new Instance("worker-b");
        try {
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(a.held()).isNotEmpty();
                assertThat(b.held()).isNotEmpty();
                assertThat(union(a.held(), b.held())).hasSize(PARTITIONS);
            });
            Set<Integer> heldByA = a.held();
            Set<Integer> heldByB = b.held();
            await().atMost(PATIENCE).until(() -> taskCount() == firstSet.size() + secondSet.size());

            a.clock.advance(Duration.ofHours(2));
            b.clock.advance(Duration.ofHours(2));
            await().atMost(PATIENCE).until(() -> firstSet.keySet().stream().noneMatch(pipeline::exists));
            assertThat(a.claimed).containsExactlyInAnyOrderElementsOf(inPartitions(firstSet, heldByA));
            assertThat(b.claimed).containsExactlyInAnyOrderElementsOf(inPartitions(firstSet, heldByB));

            b.worker.close();
            await().atMost(PATIENCE).until(() -> a.held().size() == PARTITIONS);
            a.clock.advance(Duration.ofHours(2));
            await().atMost(PATIENCE).until(() -> secondSet.keySet().stream().noneMatch(pipeline::exists));
            assertThat(a.claimed)
                    .as("the second set, including the tasks of the partitions the other instance held")
                    .containsAll(secondSet.keySet())
                    .containsAll(inPartitions(secondSet, heldByB));
            assertThat(b.claimed).doesNotContainAnyElementsOf(secondSet.keySet());
            assertThat(firstSet.keySet())
                    .allMatch(block -> pipeline.confirmations(block).size() == 1);
            assertThat(secondSet.keySet())
                    .allMatch(block -> pipeline.confirmations(block).size() == 1);
        } finally {
            a.worker.close();
            b.worker.close();
        }
    }

    /** Soft-deleted synced blocks, the same number on each partition; block → its partition. */
    private static Map<UUID, Integer> publishAcrossPartitions(Instant purgeAfter) {
        String calendar = "share-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        Map<UUID, Integer> partitionOf = new HashMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            for (int i = 0; i < BLOCKS_PER_PARTITION; i++) {
                Block block = pipeline.softDeleted(owner, calendar, events.insert(calendar), purgeAfter);
                pipeline.publish(pipeline.eventOf(block), partition);
                partitionOf.put(block.id(), partition);
            }
        }
        return partitionOf;
    }

    private static List<UUID> inPartitions(Map<UUID, Integer> partitionOf, Set<Integer> partitions) {
        List<UUID> blocks = new ArrayList<>();
        partitionOf.forEach((block, partition) -> {
            if (partitions.contains(partition)) {
                blocks.add(block);
            }
        });
        return blocks;
    }

    private static Set<Integer> union(Set<Integer> one, Set<Integer> other) {
        Set<Integer> union = new HashSet<>(one);
        union.addAll(other);
        return union;
    }

    private static int taskCount() {
        Integer count = pipeline.jdbc().queryForObject("select count(*) from deletion_tasks", Integer.class);
        return count == null ? 0 : count;
    }

    /** A worker instance with one intake consumer, its own clock, and the blocks it claimed. */
    private static final class Instance implements RoundObserver {
        final TestClock clock = new TestClock();
        final Set<UUID> claimed = ConcurrentHashMap.newKeySet();
        final TestWorker worker;

        Instance(String id) {
            worker = stack.startWorker(
                    Map.of("deletion.worker.instance-id", id, "deletion.worker.intake.concurrency", "1"),
                    Map.of("clock", clock, "claimsOf" + id, this));
        }

        Set<Integer> held() {
            return worker.bean(OwnedPartitions.class).held();
        }

        @Override
        public void googleAnswered(List<ClaimedBlock> claimed, Map<UUID, GoogleAnswer> answers) {
            claimed.forEach(c -> this.claimed.add(c.task().blockId()));
        }
    }
}
