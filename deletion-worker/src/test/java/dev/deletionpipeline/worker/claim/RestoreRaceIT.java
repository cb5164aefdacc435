package dev.deletionpipeline.worker.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Restores fired around the end of the grace period race the worker's claims: for every block exactly one side wins.
 * A won restore means no Google call and no hard delete; a won claim means the restore was refused (deletion-api's
 * 409) and the block ends hard-deleted and confirmed. The restore is deletion-api's conditional update, done here
 * directly so the race is at the database, where it is decided.
 */
class RestoreRaceIT {

    private static final int BLOCKS = 40;
    private static final String RESTORE = "update blocks set deleted_at = null, deletion_state = null,"
            + " purge_after = null where id = ? and deletion_id = ? and deletion_state = 'SOFT_DELETED'";

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(RestoreRaceIT.class)
            .workerSettings(Map.of("deletion.worker.rate-limit.per-owner-per-minute", "60000"))
            .withWorker();

    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void restoreAndClaimRacingNeverBothWinAndNeverBothLose() {
        String calendar = "race-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        Instant purgeAfter = Instant.now().plusSeconds(12);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < BLOCKS; i++) {
            blocks.add(pipeline.softDeleted(owner, calendar, events.insert(calendar), purgeAfter));
        }
        blocks.forEach(pipeline::publishSoftDeleted);
        // all taken in, none due yet: the race is still ahead
        await().atMost(Duration.ofSeconds(20)).until(() -> blocks.stream().allMatch(b -> pipeline.tasks(b.id()) == 1));
        assertThat(Instant.now()).isBefore(purgeAfter.minusMillis(400));

        Map<UUID, Boolean> restoreWon = fireRestoresAround(blocks, purgeAfter);

        await().atMost(Duration.ofSeconds(30)).until(() -> blocks.stream().allMatch(b -> pipeline.tasks(b.id()) == 0));
        int restores = 0;
        int claims = 0;
        for (Block block : blocks) {
            boolean hardDeleted = !pipeline.exists(block.id());
            boolean deletedInGoogle = events.deleted(calendar, block.googleEventId());
            if (restoreWon.get(block.id())) {
                restores++;
                assertThat(hardDeleted)
                        .as("restored block %s was hard-deleted", block.id())
                        .isFalse();
                assertThat(pipeline.deletionState(block.id())).isNull();
                assertThat(events.deletes(block.googleEventId())).isEmpty();
                assertThat(pipeline.confirmations(block.id())).isEmpty();
            } else {
                claims++;
                assertThat(hardDeleted)
                        .as("block %s: restore refused but not deleted", block.id())
                        .isTrue();
                assertThat(deletedInGoogle).isTrue();
                assertThat(pipeline.confirmations(block.id())).hasSize(1);
            }
        }
        assertThat(restores + claims).isEqualTo(BLOCKS);
        assertThat(restores).as("restores that won").isPositive();
        assertThat(claims).as("claims that won").isPositive();
    }

    /** Restores spread from 0.4 s before to 0.4 s after the end of the grace period, as deletion-api would do them. */
    private static Map<UUID, Boolean> fireRestoresAround(List<Block> blocks, Instant purgeAfter) {
        Map<UUID, Boolean> won = new ConcurrentHashMap<>();
        ScheduledExecutorService restorers = Executors.newScheduledThreadPool(4);
        try {
            for (int i = 0; i < blocks.size(); i++) {
                Block block = blocks.get(i);
                Instant at = purgeAfter.minusMillis(400).plusMillis(i * 800L / blocks.size());
                long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis());
                restorers.schedule(() -> won.put(block.id(), restore(block)), delay, TimeUnit.MILLISECONDS);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> won.size() == blocks.size());
        } finally {
            restorers.shutdownNow();
        }
        return won;
    }

    private static boolean restore(Block block) {
        boolean won = pipeline.jdbc().update(RESTORE, block.id(), block.deletionId()) == 1;
        if (won) {
            pipeline.publish(new BlockRestored(
                    UUID.randomUUID(), block.deletionId(), block.id(), block.ownerId(), Instant.now()));
        }
        return won;
    }
}
