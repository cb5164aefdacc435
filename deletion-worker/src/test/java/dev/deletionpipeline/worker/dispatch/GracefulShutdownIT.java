package dev.deletionpipeline.worker.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.TestTopics;
import dev.deletionpipeline.worker.TestWorker;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A worker told to stop while Google is still answering finishes that deletion before it goes. */
class GracefulShutdownIT {

    private static CalendarStandIn standIn;
    private static Pipeline pipeline;
    private static StandInEvents events;
    private static TestDatabase database;
    private static String prefix;

    @BeforeAll
    static void start() {
        database = SharedInfrastructure.freshDatabase("worker_shutdown");
        prefix = TestTopics.forClass(GracefulShutdownIT.class);
        standIn = CalendarStandIn.start();
        events = new StandInEvents(standIn);
        pipeline = new Pipeline(database, prefix);
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        standIn.close();
    }

    @Test
    void deletionInFlightAtShutdownIsFinishedBeforeTheWorkerStops() {
        String calendar = "shutdown-" + UUID.randomUUID();
        String eventId = events.insert(calendar);
        Block block = pipeline.softDeleted(
                pipeline.newOwner(), calendar, eventId, Instant.now().minusSeconds(1));
        standIn.updateSettings(settings -> settings.latency(Duration.ofSeconds(2)));
        TestWorker worker = TestWorker.start(database, prefix, standIn);
        pipeline.publishSoftDeleted(block);
        await().atMost(Duration.ofSeconds(20)).until(() -> "CLAIMED".equals(pipeline.deletionState(block.id())));

        worker.close();

        assertThat(pipeline.exists(block.id())).isFalse();
        assertThat(pipeline.confirmations(block.id())).hasSize(1);
        assertThat(pipeline.tasks(block.id())).isZero();
    }
}
