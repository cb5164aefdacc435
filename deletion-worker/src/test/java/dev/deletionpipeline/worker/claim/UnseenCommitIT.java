package dev.deletionpipeline.worker.claim;

import static dev.deletionpipeline.common.sql.SqlTime.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL hands a transaction to logical decoding as soon as its commit record is flushed, and shows it to other
 * sessions a moment later: under load the relay can put a {@code BlockSoftDeleted} on Kafka, and the worker take it in
 * and try to claim the block, while the block still reads as live. The worker used to drop such a task as "restored or
 * re-deleted", and the deletion stayed undone until the reconciler's deadline (found by the stack benchmark: one of
 * 20,000 single deletions at full load). For a reader the moment looks exactly like a transaction still open on the
 * row, so that is how the test makes it: the soft delete is written in a transaction held open while its event goes
 * to the worker.
 */
class UnseenCommitIT {

    private static final String SOFT_DELETE = "update blocks set deleted_at = ?, deletion_id = ?, purge_after = ?,"
            + " deletion_state = 'SOFT_DELETED' where id = ?";

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(UnseenCommitIT.class).withWorker();

    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void aSoftDeleteWhoseEventArrivesBeforeItsCommitIsVisibleIsStillDone() {
        String calendar = "unseen-" + UUID.randomUUID();
        Block block = liveBlock(pipeline.newOwner(), calendar, events.insert(calendar));

        pipeline.uncommittedWhile(
                SOFT_DELETE,
                new Object[] {param(block.deletedAt()), block.deletionId(), param(block.purgeAfter()), block.id()},
                () -> {
                    pipeline.publishSoftDeleted(block);
                    // before the fix the task was dropped here, and nothing waited
                    await("the worker waits for the soft delete's commit")
                            .atMost(Duration.ofSeconds(20))
                            .until(() -> pipeline.waitsForLock("for share"));
                    assertThat(pipeline.tasks(block.id())).isEqualTo(1);
                    assertThat(events.deletes(block.googleEventId())).isEmpty();
                });

        await().atMost(Duration.ofSeconds(20)).until(() -> !pipeline.exists(block.id()));
        assertThat(events.deleted(calendar, block.googleEventId())).isTrue();
        assertThat(pipeline.confirmations(block.id())).hasSize(1);
        assertThat(pipeline.receipts(block.id())).isEqualTo(1);
        assertThat(pipeline.tasks(block.id())).isZero();
    }

    /** A block with its deletion row, live again: what a soft delete not yet visible looks like to others. */
    private static Block liveBlock(UUID owner, String calendar, String googleEventId) {
        Block soft = pipeline.softDeleted(owner, calendar, googleEventId, Instant.now());
        pipeline.jdbc()
                .update(
                        "update blocks set deleted_at = null, deletion_id = null, purge_after = null,"
                                + " deletion_state = null where id = ?",
                        soft.id());
        return soft;
    }
}
