package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.RedriveRequested;

/** What the tracking processor emits; the topology routes each kind to its topic. */
sealed interface Outbound {

    /** To {@code deletion.status.v1}. */
    record StatusChanged(DeletionStatus status) implements Outbound {}

    /** A tombstone for the block's key on {@code deletion.status.v1}: its finished deletion was forgotten. */
    record StatusForgotten() implements Outbound {}

    /** To {@code deletion.orphans.v1}. */
    record OrphanReported(OrphanDetected orphan) implements Outbound {}

    /** To {@code deletion.redrive-requests.v1}, which the {@code redrive} package turns into an outbox row. */
    record RedriveAsked(RedriveRequested request) implements Outbound {}

    /** A record that could not be read, with its original bytes, to the reconciler's dead-letter topic. */
    record Unreadable(byte[] value) implements Outbound {}

    /** To the deadline check of the block's deletion request (key = deletion id). */
    record RequestBlockChanged(RequestBlockFact fact) implements Outbound {}

    /** To the summary task. */
    record OpsFactRecorded(OpsFact fact) implements Outbound {}
}
