package dev.deletionpipeline.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.TestWorker;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker told to stop while Google is still answering finishes that deletion before it goes. */
class GracefulShutdownIT {

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(GracefulShutdownIT.class).withoutWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void deletionInFlightAtShutdownIsFinishedBeforeTheWorkerStops() {
        Block block = stack.dueSyncedBlock("shutdown-" + UUID.randomUUID());
        standIn.updateSettings(settings -> settings.latency(Duration.ofSeconds(2)));
        TestWorker worker = stack.startWorker();
        pipeline.publishSoftDeleted(block);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CLAIMED".equals(pipeline.deletionState(block.id())));

        worker.close();

        assertThat(pipeline.exists(block.id())).isFalse();
        assertThat(pipeline.confirmations(block.id())).hasSize(1);
        assertThat(pipeline.tasks(block.id())).isZero();
    }
}
