package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.OrphanType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;

/**
 * The {@link BinarySerde}s of the values only the reconciler reads: the tracked deletions of
 * {@link TrackingStores#DELETIONS} and the facts of the two repartition topics. Each writes every field of its record in
 * order; the tests check that no field is left out.
 */
final class InternalSerdes {

    private InternalSerdes() {}

    static Serde<TrackedDeletion> trackedDeletion(InternalFormat writes) {
        return new BinarySerde<>(
                TrackedDeletion.class, InternalSerdes::writeDeletion, InternalSerdes::readDeletion, writes);
    }

    static Serde<OpsFact> opsFact(InternalFormat writes) {
        return new BinarySerde<>(OpsFact.class, InternalSerdes::writeOpsFact, InternalSerdes::readOpsFact, writes);
    }

    static Serde<RequestBlockFact> requestBlockFact(InternalFormat writes) {
        return new BinarySerde<>(
                RequestBlockFact.class, InternalSerdes::writeRequestFact, InternalSerdes::readRequestFact, writes);
    }

    private static void writeDeletion(BinaryOutput out, TrackedDeletion deletion) {
        out.uuid(deletion.blockId());
        out.uuid(deletion.deletionId());
        out.uuid(deletion.ownerId());
        out.text(deletion.state().name());
        out.nullableText(deletion.reason());
        out.nullableInstant(deletion.softDeletedAt());
        out.nullableInstant(deletion.purgeAfter());
        out.nullableInstant(deletion.restoredAt());
        out.nullableInstant(deletion.confirmedAt());
        out.instant(deletion.updatedAt());
        out.uuid(deletion.lastEventId());
        out.integer(deletion.redriveAttempts());
        out.nullableInstant(deletion.deadlineAt());
        BlockSoftDeleted request = deletion.request();
        out.bool(request != null);
        if (request != null) {
            writeRequest(out, request);
        }
        out.integer(deletion.seenEventKeys().size());
        for (String key : deletion.seenEventKeys()) {
            out.text(key);
        }
        out.nullableInstant(deletion.estimatedFinish());
    }

    private static void writeRequest(BinaryOutput out, BlockSoftDeleted request) {
        out.uuid(request.eventId());
        out.uuid(request.deletionId());
        out.uuid(request.blockId());
        out.uuid(request.ownerId());
        out.text(request.calendarId());
        out.nullableText(request.googleEventId());
        out.nullableUuid(request.originalId());
        out.nullableText(request.recurringEventId());
        out.text(request.kind().name());
        out.instant(request.deletedAt());
        out.instant(request.purgeAfter());
        out.nullableUuid(request.redriveOf());
        out.nullableInstant(request.dueBy());
    }

    // arguments are evaluated left to right, in the order they were written
    private static TrackedDeletion readDeletion(BinaryInput in) {
        return new TrackedDeletion(
                in.uuid(),
                in.uuid(),
                in.uuid(),
                DeletionState.valueOf(in.text()),
                in.nullableText(),
                in.nullableInstant(),
                in.nullableInstant(),
                in.nullableInstant(),
                in.nullableInstant(),
                in.instant(),
                in.uuid(),
                in.integer(),
                in.nullableInstant(),
                in.bool() ? readRequest(in) : null,
                readKeys(in),
                in.nullableInstant());
    }

    private static List<String> readKeys(BinaryInput in) {
        int count = in.integer();
        if (count < 0) {
            throw new IllegalArgumentException("Not a count: " + count);
        }
        List<String> keys = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            keys.add(in.text());
        }
        return keys;
    }

    private static BlockSoftDeleted readRequest(BinaryInput in) {
        return new BlockSoftDeleted(
                in.uuid(),
                in.uuid(),
                in.uuid(),
                in.uuid(),
                in.text(),
                in.nullableText(),
                in.nullableUuid(),
                in.nullableText(),
                BlockKind.valueOf(in.text()),
                in.instant(),
                in.instant(),
                in.nullableUuid(),
                in.nullableInstant());
    }

    private static void writeOpsFact(BinaryOutput out, OpsFact fact) {
        out.nullableText(fact.blockId());
        out.nullableName(fact.fromState());
        out.nullableName(fact.toState());
        out.nullableInstant(fact.pendingSinceBefore());
        out.nullableInstant(fact.pendingSinceAfter());
        out.nullableText(fact.deadLetterReason());
        out.nullableLong(fact.latencyMs());
        out.bool(fact.alreadyGone());
        out.nullableName(fact.deadlineBefore());
        out.nullableName(fact.deadlineAfter());
        out.nullableInstant(fact.at());
    }

    private static OpsFact readOpsFact(BinaryInput in) {
        return new OpsFact(
                in.nullableText(),
                in.nullableName(DeletionState.class),
                in.nullableName(DeletionState.class),
                in.nullableInstant(),
                in.nullableInstant(),
                in.nullableText(),
                in.nullableLong(),
                in.bool(),
                in.nullableName(OrphanType.class),
                in.nullableName(OrphanType.class),
                in.nullableInstant());
    }

    private static void writeRequestFact(BinaryOutput out, RequestBlockFact fact) {
        out.uuid(fact.deletionId());
        out.uuid(fact.ownerId());
        out.uuid(fact.blockId());
        out.nullableInstant(fact.dueBy());
        out.bool(fact.counts());
        out.instant(fact.at());
    }

    private static RequestBlockFact readRequestFact(BinaryInput in) {
        UUID deletionId = in.uuid();
        return new RequestBlockFact(deletionId, in.uuid(), in.uuid(), in.nullableInstant(), in.bool(), in.instant());
    }
}
