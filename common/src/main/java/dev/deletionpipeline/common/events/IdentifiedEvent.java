package dev.deletionpipeline.common.events;

import java.util.UUID;

/**
 * An event that carries its own id: the {@code ce_id} it travels with and the key consumers de-duplicate by. The
 * snapshots {@link DeletionStatus} and {@link OpsSummary} have none; they are states, not occurrences.
 */
public sealed interface IdentifiedEvent
        permits LifecycleEvent,
                HardDeleteConfirmed,
                DeletionRequested,
                OrphanDetected,
                RedriveRequested,
                QuotaWaitEstimated,
                DeletionCompleted {

    UUID eventId();
}
