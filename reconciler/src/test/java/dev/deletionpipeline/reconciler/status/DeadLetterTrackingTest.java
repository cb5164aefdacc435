package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.bytes;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.cloudEventHeaders;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.confirmation;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.json;
import static dev.deletionpipeline.reconciler.status.TrackingFixture.softDelete;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.cloudevents.CloudEventHeaders;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.topics.DeadLetterHeaders;
import dev.deletionpipeline.common.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterTrackingTest {

    private static final String FORBIDDEN = "GOOGLE_403_FORBIDDEN";

    private TrackingFixture fixture;
    private final UUID block = UUID.randomUUID();
    private final BlockSoftDeleted request = softDelete(block, UUID.randomUUID(), START, Duration.ofMinutes(5));

    @BeforeEach
    void startDriver() {
        fixture = new TrackingFixture();
    }

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    @Test
    void deadLetterMovesTheDeletionToFailedAndReportsAnOrphanWithTheReason() {
        fixture.pipe(request);
        fixture.statusValues();

        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(6)));

        DeletionStatus status = fixture.statuses.readValue();
        assertThat(status.state()).isEqualTo(DeletionState.FAILED);
        assertThat(status.reason()).isEqualTo(FORBIDDEN);
        OrphanDetected orphan = fixture.orphans.readValue();
        assertThat(orphan.type()).isEqualTo(OrphanType.DEAD_LETTERED);
        assertThat(orphan.action()).isEqualTo(OrphanAction.REPORTED);
        assertThat(orphan.reason()).startsWith(FORBIDDEN).contains("403 forbidden");
        assertThat(orphan.deletionId()).isEqualTo(request.deletionId());
        assertThat(fixture.queries().openOrphans(10)).containsExactly(orphan);
    }

    @Test
    void deadLetterWithoutItsSoftDeleteStillFails() {
        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(6)));

        assertThat(fixture.statuses.readValue()).satisfies(status -> {
            assertThat(status.state()).isEqualTo(DeletionState.FAILED);
            assertThat(status.purgeAfter()).isEqualTo(request.purgeAfter());
        });
        assertThat(fixture.orphans.readValuesToList()).hasSize(1);
    }

    @Test
    void failedDeletionIsNotAlsoReportedAsATimeout() {
        fixture.pipe(request);
        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(6)));
        fixture.orphans.readValuesToList();

        fixture.advance(Duration.ofHours(1));

        assertThat(fixture.orphans.isEmpty()).isTrue();
    }

    @Test
    void duplicateDeadLetterChangesNothing() {
        fixture.pipe(request);
        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(6)));
        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(6)));

        assertThat(fixture.orphans.readValuesToList()).hasSize(1);
        assertThat(fixture.queries().summary(fixture.now()).deadLettersByReason())
                .containsExactly(java.util.Map.entry(FORBIDDEN, 1L));
    }

    @Test
    void confirmationAfterARedrivenDeadLetterResolvesTheFailure() {
        fixture.pipe(request);
        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(6)));
        fixture.statusValues();

        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(20))));

        assertThat(fixture.statusValues()).extracting(DeletionStatus::state).containsExactly(DeletionState.CONFIRMED);
        assertThat(fixture.queries().openOrphans(10)).isEmpty();
    }

    @Test
    void deadLetterArrivingAfterTheConfirmationChangesNothing() {
        fixture.pipe(request);
        fixture.pipe(confirmation(request, START.plus(Duration.ofMinutes(6))));
        fixture.statusValues();

        fixture.pipeDeadLetter(request, FORBIDDEN, START.plus(Duration.ofMinutes(5)));

        assertThat(fixture.statuses.isEmpty()).isTrue();
        assertThat(fixture.orphans.isEmpty()).isTrue();
    }

    @Test
    void unreadableRecordGoesToTheReconcilerDeadLettersAsItCameAndTheNextRecordIsStillProcessed() {
        byte[] notJson = bytes("{not json");
        Headers headers = cloudEventHeaders(request);

        fixture.pipeRawLifecycle(block.toString(), notJson, headers);
        fixture.pipe(request);

        TestRecord<String, byte[]> deadLetter = fixture.reconcilerDeadLetters.readRecord();
        assertThat(deadLetter.key()).isEqualTo(block.toString());
        assertThat(deadLetter.value()).isEqualTo(notJson);
        assertThat(header(deadLetter, DeadLetterHeaders.REASON)).isEqualTo("POISON_NOT_READABLE");
        assertThat(header(deadLetter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(Topics.BLOCKS_LIFECYCLE.name());
        assertThat(header(deadLetter, DeadLetterHeaders.DETAIL)).isNotBlank();
        assertThat(header(deadLetter, CloudEventHeaders.ID))
                .as("the original headers are kept")
                .isEqualTo(request.eventId().toString());
        assertThat(deadLetter.headers().toArray())
                .as("small headers, no stack trace")
                .allSatisfy(h -> assertThat(h.value().length).as(h.key()).isLessThanOrEqualTo(1024))
                .extracting(Header::key)
                .noneMatch(key -> key.contains("stacktrace"));
        assertThat(fixture.statusValues())
                .extracting(DeletionStatus::state)
                .containsExactly(DeletionState.SOFT_DELETED);
    }

    @Test
    void recordOfAnUnknownEventTypeGoesToTheReconcilerDeadLetters() {
        Headers headers = cloudEventHeaders(request);
        headers.remove(CloudEventHeaders.TYPE);
        headers.add(CloudEventHeaders.TYPE, bytes("dev.deletionpipeline.BlockTeleported.v1"));

        fixture.pipeRawLifecycle(block.toString(), json(request), headers);

        assertThat(header(fixture.reconcilerDeadLetters.readRecord(), DeadLetterHeaders.REASON))
                .isEqualTo("POISON_UNKNOWN_TYPE");
        assertThat(fixture.statuses.isEmpty()).isTrue();
    }

    @Test
    void recordKeyedByAnotherBlockGoesToTheReconcilerDeadLetters() {
        fixture.pipeRawLifecycle(UUID.randomUUID().toString(), json(request), cloudEventHeaders(request));

        assertThat(header(fixture.reconcilerDeadLetters.readRecord(), DeadLetterHeaders.REASON))
                .isEqualTo("POISON_KEY_MISMATCH");
        assertThat(fixture.statuses.isEmpty()).isTrue();
    }

    @Test
    void workerPoisonDeadLetterIsCountedButNotDeadLetteredAgain() {
        Headers headers = cloudEventHeaders(request);
        headers.add(DeadLetterHeaders.REASON, bytes("POISON_NOT_JSON"));

        fixture.pipeRawDeadLetter(block.toString(), bytes("garbage"), headers);

        assertThat(fixture.reconcilerDeadLetters.isEmpty()).isTrue();
        assertThat(fixture.queries().summary(fixture.now()).deadLettersByReason())
                .containsEntry("POISON_NOT_JSON", 1L);
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
