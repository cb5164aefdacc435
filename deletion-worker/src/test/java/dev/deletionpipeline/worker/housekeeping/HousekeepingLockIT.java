package dev.deletionpipeline.worker.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.worker.WorkerTestStack;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Housekeeping runs on one worker instance at a time through the one lock of scheduled jobs (ShedLock's row in the
 * {@code shedlock} table): while another instance holds it, a run removes nothing; once it is free, the next run works
 * and takes the lock itself.
 */
class HousekeepingLockIT {

    private static final String LOCK = "deletion-worker.housekeeping";

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(HousekeepingLockIT.class).withWorker();

    private static final JdbcTemplate jdbc = stack.pipeline().jdbc();

    @Test
    void aRunWhileAnotherInstanceHoldsTheLockRemovesNothingAndTheNextOneDoes() {
        UUID aged = receiptHardDeletedLongAgo();
        jdbc.update(
                "insert into shedlock (name, lock_until, locked_at, locked_by)"
                        + " values (?, now() + interval '1 hour', now(), 'other-worker')",
                LOCK);
        Housekeeping schedule = stack.worker().bean(Housekeeping.class);

        schedule.run();

        assertThat(receiptExists(aged)).as("another instance holds the lock").isTrue();

        jdbc.update("update shedlock set lock_until = now() where name = ?", LOCK);
        schedule.run();

        assertThat(receiptExists(aged)).isFalse();
        assertThat(jdbc.queryForObject("select locked_by from shedlock where name = ?", String.class, LOCK))
                .isNotEqualTo("other-worker");
    }

    private static UUID receiptHardDeletedLongAgo() {
        UUID block = UUID.randomUUID();
        jdbc.update(
                "insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id,"
                        + " outcome, dependants_removed, hard_deleted_at)"
                        + " values (?, ?, ?, ?, ?, 'DELETED', 0, now() - interval '400 days')",
                block,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID());
        return block;
    }

    private static boolean receiptExists(UUID block) {
        return jdbc.queryForObject("select count(*) from deletion_receipts where block_id = ?", Integer.class, block)
                > 0;
    }
}
