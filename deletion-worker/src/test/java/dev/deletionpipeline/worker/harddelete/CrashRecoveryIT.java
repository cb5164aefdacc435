package dev.deletionpipeline.worker.harddelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.worker.ConsumerLag;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.TestClock;
import dev.deletionpipeline.worker.TestWorker;
import dev.deletionpipeline.worker.WorkerTestStack;
import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.claim.BlockStates.ClaimedBlock;
import dev.deletionpipeline.worker.dispatch.RoundObserver;
import dev.deletionpipeline.worker.housekeeping.Housekeeping;
import dev.deletionpipeline.worker.housekeeping.Housekeeping.HousekeepingSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker dies between Google's answer and the hard delete; the next worker finishes the job: one hard delete, one
 * confirmation id, and Google's second answer (410) counts as success. A redelivery after the hard delete, while
 * housekeeping still keeps its receipt, does nothing.
 */
class CrashRecoveryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(CrashRecoveryIT.class).withoutWorker();

    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();
    private static final String prefix = stack.topicPrefix();

    @Test
    void workerDyingBetweenGoogleAndHardDeleteEndsInOneHardDeleteAndOneConfirmation() {
        Block block = stack.dueSyncedBlock("crash-" + UUID.randomUUID());
        String calendar = block.calendarId();
        String eventId = block.googleEventId();
        CrashAfterGoogle crash = new CrashAfterGoogle(block.id());
        BlockSoftDeleted event;
        try (TestWorker dying = stack.startWorker(Map.of(), Map.of("crash", crash))) {
            event = pipeline.publishSoftDeleted(block);
            await().atMost(PATIENCE).untilTrue(crash.crashed);
            assertThat(events.deleted(calendar, eventId)).isTrue();
            assertThat(pipeline.exists(block.id())).isTrue();
            assertThat(pipeline.deletionState(block.id())).isEqualTo("CLAIMED");
        }
        assertThat(pipeline.confirmations(block.id())).isEmpty();

        try (TestWorker restarted = stack.startWorker()) {
            await().atMost(PATIENCE).until(() -> !pipeline.exists(block.id()));
        }

        List<HardDeleteConfirmed> confirmations = pipeline.confirmations(block.id());
        assertThat(confirmations).hasSize(1);
        assertThat(confirmations.get(0).eventId()).isEqualTo(HardDeleter.confirmationIdFor(event.eventId()));
        assertThat(confirmations.get(0).outcome()).isEqualTo(HardDeleteOutcome.ALREADY_GONE);
        assertThat(pipeline.receipts(block.id())).isEqualTo(1);
        assertThat(events.deletes(eventId)).extracting(CallRecord::status).containsExactly(204, 410);
    }

    @Test
    void redeliveryWhileTheReceiptIsRetainedWritesNothingNewAndCallsNobody() {
        Block block = stack.dueSyncedBlock("redelivery-" + UUID.randomUUID());
        String eventId = block.googleEventId();
        TestClock clock = new TestClock();
        try (TestWorker worker = stack.startWorker(Map.of(), Map.of("clock", clock))) {
            BlockSoftDeleted event = pipeline.publishSoftDeleted(block);
            await().atMost(PATIENCE).until(() -> pipeline.receipts(block.id()) == 1);
            assertThat(worker.bean(Clock.class)).isSameAs(clock);
            // the redelivery comes late, but within the receipt's retention; housekeeping has run in between
            clock.advance(
                    worker.bean(HousekeepingSettings.class).receiptRetention().minusMinutes(1));
            worker.bean(Housekeeping.class).runOnce();
            assertThat(pipeline.receipts(block.id())).isEqualTo(1);

            pipeline.publish(event);

            await().atMost(PATIENCE).until(() -> ConsumerLag.caughtUp(prefix) && pipeline.tasks(block.id()) == 0);
            assertThat(pipeline.confirmations(block.id()))
                    .singleElement()
                    .extracting(HardDeleteConfirmed::eventId)
                    .isEqualTo(HardDeleter.confirmationIdFor(event.eventId()));
        }
        assertThat(pipeline.receipts(block.id())).isEqualTo(1);
        assertThat(events.deletes(eventId)).hasSize(1);
    }

    /** Throws right after Google answered for the block, once: the worker "dies" before writing anything. */
    static final class CrashAfterGoogle implements RoundObserver {
        private final UUID blockId;
        final AtomicBoolean crashed = new AtomicBoolean();

        CrashAfterGoogle(UUID blockId) {
            this.blockId = blockId;
        }

        @Override
        public void googleAnswered(List<ClaimedBlock> claimed, Map<UUID, GoogleAnswer> answers) {
            if (answers.containsKey(blockId) && crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash between the Google call and the hard delete");
            }
        }
    }
}
