package dev.deletionpipeline.reconciler.status;

import static dev.deletionpipeline.reconciler.status.TrackingFixture.START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackedDeletionTest {

    private final BlockSoftDeleted request =
            TrackingFixture.softDelete(UUID.randomUUID(), UUID.randomUUID(), START, Duration.ofMinutes(5));
    private final TrackedDeletion deletion = new TrackedDeletionBuilder(
                    request.blockId(), request.deletionId(), request.ownerId(), null)
            .state(DeletionState.SOFT_DELETED, request.eventId(), START)
            .softDeletedAt(request.deletedAt())
            .purgeAfter(request.purgeAfter())
            .deadlineAt(request.purgeAfter().plus(Duration.ofMinutes(10)))
            .request(request)
            .build()
            .remembering(request.eventId().toString(), 4);

    @Test
    void storedStateSurvivesTheStoreSerdeUnchanged() {
        byte[] stored = TrackingStores.TRACKED_DELETION.serializer().serialize("store", deletion);

        assertThat(TrackingStores.TRACKED_DELETION.deserializer().deserialize("store", stored))
                .isEqualTo(deletion);
    }

    @Test
    void rememberedEventIdsAreBoundedKeepingTheNewest() {
        TrackedDeletion remembered = deletion;
        for (int i = 0; i < 10; i++) {
            remembered = remembered.remembering("event-" + i, 4);
        }

        assertThat(remembered.seenEventKeys()).containsExactly("event-6", "event-7", "event-8", "event-9");
        assertThat(remembered.hasSeen(request.eventId().toString())).isFalse();
    }

    @Test
    void restoreSeenBeforeItsSoftDeleteHasNoPublishableStatus() {
        TrackedDeletion restoredFirst = new TrackedDeletionBuilder(
                        request.blockId(), request.deletionId(), request.ownerId(), null)
                .state(DeletionState.RESTORED, UUID.randomUUID(), START)
                .restoredAt(START)
                .build();

        assertThat(restoredFirst.status()).isEmpty();
        assertThat(deletion.status()).isPresent();
    }
}
