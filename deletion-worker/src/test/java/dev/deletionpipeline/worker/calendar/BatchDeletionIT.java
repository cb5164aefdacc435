package dev.deletionpipeline.worker.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many deletions of one owner due at once go to Google in batch requests of up to 50. */
class BatchDeletionIT {

    /** A part of a batch request (the outer batch request has no calendar, so it is not among the parts). */
    private static boolean inBatch(CallRecord call) {
        return call.batchId() != null;
    }

    private static final int DELETIONS = 120;

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(BatchDeletionIT.class)
            .workerSettings(Map.of(
                    "deletion.worker.rate-limit.per-owner-per-minute", "600000",
                    "deletion.worker.rate-limit.per-project-per-minute", "600000"))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void bulkOfOneOwnerIsDeletedInBatchRequestsOfAtMostFifty() {
        String calendar = "bulk-" + UUID.randomUUID();
        UUID owner = pipeline.newOwner();
        Instant purgeAfter = Instant.now().plusSeconds(10);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < DELETIONS; i++) {
            blocks.add(pipeline.softDeleted(owner, calendar, events.insert(calendar), purgeAfter));
        }
        blocks.forEach(pipeline::publishSoftDeleted);
        await().atMost(Duration.ofSeconds(20)).until(() -> blocks.stream().allMatch(b -> pipeline.tasks(b.id()) == 1));
        assertThat(Instant.now()).as("all taken in before they fall due").isBefore(purgeAfter);

        await().atMost(Duration.ofSeconds(30)).until(() -> blocks.stream().noneMatch(b -> pipeline.exists(b.id())));

        List<CallRecord> parts = standIn.calls().stream()
                .filter(call ->
                        calendar.equals(call.calendarId()) && call.method().equals("DELETE"))
                .toList();
        assertThat(parts)
                .hasSize(DELETIONS)
                .allSatisfy(part -> assertThat(part.status()).isEqualTo(204));
        Set<Long> batches = parts.stream()
                .filter(BatchDeletionIT::inBatch)
                .map(CallRecord::batchId)
                .collect(Collectors.toSet());
        long singles = parts.stream().filter(part -> !inBatch(part)).count();
        long httpRequests = batches.size() + singles;
        assertThat(batches)
                .allSatisfy(batch -> assertThat(parts.stream().filter(p -> batch.equals(p.batchId())))
                        .hasSizeLessThanOrEqualTo(50));
        assertThat((double) httpRequests / DELETIONS)
                .as("HTTP requests per deletion")
                .isLessThanOrEqualTo(0.05);
    }
}
