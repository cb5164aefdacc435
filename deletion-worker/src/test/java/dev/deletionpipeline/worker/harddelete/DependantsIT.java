package dev.deletionpipeline.worker.harddelete;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.events.HardDeleteOutcome;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
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
 * A block leaves with its direct children and its recurring chain in one transaction, but only those whose Google copy
 * is provably gone; each dependant still gets its own confirmation under its own event.
 */
class DependantsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @RegisterExtension
    static final WorkerTestStack stack =
            WorkerTestStack.forClass(DependantsIT.class).withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();

    @Test
    void seriesIsDeletedAsOneSeriesAndTakesItsInstancesAndChildrenAlong() {
        String calendar = "series-" + UUID.randomUUID();
        String series = events.insertSeries(calendar);
        String first = events.insertInstance(calendar, series);
        String second = events.insertInstance(calendar, series);
        UUID owner = pipeline.newOwner();
        Instant due = Instant.now().minusSeconds(1);
        Block seriesBlock = pipeline.softDeleted(owner, calendar, series, due);
        Block firstInstance = pipeline.softDeleted(owner, calendar, first, null, series, due);
        Block secondInstance = pipeline.softDeleted(owner, calendar, second, null, series, due);
        Block child = pipeline.softDeleted(owner, calendar, null, seriesBlock.id(), null, due);

        pipeline.publishSoftDeleted(seriesBlock);

        await().atMost(PATIENCE).until(() -> !pipeline.exists(seriesBlock.id()));
        assertThat(pipeline.exists(firstInstance.id())).isFalse();
        assertThat(pipeline.exists(secondInstance.id())).isFalse();
        assertThat(pipeline.exists(child.id())).isFalse();
        assertThat(pipeline.confirmations(seriesBlock.id()))
                .singleElement()
                .extracting(HardDeleteConfirmed::dependantsRemoved)
                .isEqualTo(3);
        assertThat(events.deleted(calendar, first)).isTrue();
        assertThat(events.deleted(calendar, second)).isTrue();
        assertThat(standIn.calls())
                .filteredOn(call ->
                        calendar.equals(call.calendarId()) && call.method().equals("DELETE"))
                .hasSize(1);
    }

    @Test
    void dependantRemovedBeforeItsOwnEventArrivedIsConfirmedWhenItDoesWithoutCallingGoogle() {
        String calendar = "late-" + UUID.randomUUID();
        String series = events.insertSeries(calendar);
        String instance = events.insertInstance(calendar, series);
        UUID owner = pipeline.newOwner();
        Instant due = Instant.now().minusSeconds(1);
        Block seriesBlock = pipeline.softDeleted(owner, calendar, series, due);
        Block instanceBlock = pipeline.softDeleted(owner, calendar, instance, null, series, due);
        Block child = pipeline.softDeleted(owner, calendar, null, seriesBlock.id(), null, due);
        pipeline.publishSoftDeleted(seriesBlock);
        await().atMost(PATIENCE).until(() -> !pipeline.exists(instanceBlock.id()));
        assertThat(pipeline.confirmations(instanceBlock.id())).isEmpty();

        var instanceEvent = pipeline.publishSoftDeleted(instanceBlock);
        var childEvent = pipeline.publishSoftDeleted(child);

        await().atMost(PATIENCE)
                .until(() -> pipeline.confirmations(child.id()).size() == 1
                        && pipeline.confirmations(instanceBlock.id()).size() == 1);
        HardDeleteConfirmed instanceConfirmation =
                pipeline.confirmations(instanceBlock.id()).get(0);
        assertThat(instanceConfirmation.outcome()).isEqualTo(HardDeleteOutcome.ALREADY_GONE);
        assertThat(instanceConfirmation.eventId()).isEqualTo(HardDeleter.confirmationIdFor(instanceEvent.eventId()));
        assertThat(pipeline.confirmations(child.id()).get(0).outcome()).isEqualTo(HardDeleteOutcome.NOT_SYNCED);
        assertThat(pipeline.confirmations(child.id()).get(0).sourceEventId()).isEqualTo(childEvent.eventId());
        assertThat(pipeline.receipts(instanceBlock.id())).isEqualTo(1);
        assertThat(events.deletes(instance)).isEmpty();
        await().atMost(PATIENCE).until(() -> pipeline.tasks(child.id()) == 0);
    }

    @Test
    void dependantWhoseEventIsAlreadyInIsConfirmedInTheParentsTransaction() {
        String calendar = "waiting-" + UUID.randomUUID();
        String series = events.insertSeries(calendar);
        String instance = events.insertInstance(calendar, series);
        UUID owner = pipeline.newOwner();
        Block seriesBlock =
                pipeline.softDeleted(owner, calendar, series, Instant.now().minusSeconds(1));
        Block instanceBlock = pipeline.softDeleted(
                owner, calendar, instance, null, series, Instant.now().plusSeconds(3600));
        var instanceEvent = pipeline.publishSoftDeleted(instanceBlock);
        await().atMost(PATIENCE).until(() -> pipeline.tasks(instanceBlock.id()) == 1);

        pipeline.publishSoftDeleted(seriesBlock);

        await().atMost(PATIENCE).until(() -> !pipeline.exists(seriesBlock.id()));
        assertThat(pipeline.exists(instanceBlock.id())).isFalse();
        assertThat(pipeline.confirmations(instanceBlock.id()))
                .singleElement()
                .satisfies(c -> assertThat(c.sourceEventId()).isEqualTo(instanceEvent.eventId()));
        assertThat(pipeline.tasks(instanceBlock.id())).isZero();
    }

    @Test
    void childWithAGoogleEventOfItsOwnStaysUntilItsOwnDeletionDeletedThatEvent() {
        String calendar = "child-" + UUID.randomUUID();
        String parentEvent = events.insert(calendar);
        String childEvent = events.insert(calendar);
        UUID owner = pipeline.newOwner();
        Instant due = Instant.now().minusSeconds(1);
        Block parent = pipeline.softDeleted(owner, calendar, parentEvent, due);
        Block child = pipeline.softDeleted(owner, calendar, childEvent, parent.id(), null, due);

        pipeline.publishSoftDeleted(parent);
        await().atMost(PATIENCE).until(() -> !pipeline.exists(parent.id()));
        assertThat(pipeline.exists(child.id())).isTrue();
        assertThat(events.deleted(calendar, childEvent)).isFalse();

        pipeline.publishSoftDeleted(child);

        await().atMost(PATIENCE).until(() -> !pipeline.exists(child.id()));
        assertThat(events.deleted(calendar, childEvent)).isTrue();
        assertThat(pipeline.confirmations(child.id()))
                .singleElement()
                .extracting(HardDeleteConfirmed::outcome)
                .isEqualTo(HardDeleteOutcome.DELETED);
    }
}
