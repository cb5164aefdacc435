package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.worker.tasks.KeptRecord;
import java.time.Instant;
import java.util.UUID;

/**
 * One dead letter: a row of {@code dead_letters} and a record on {@code blocks.deletion-dead-letters.v1}.
 *
 * @param blockId nullable: null for a poison record whose key is not a block id
 * @param sourceEventId nullable: null for a poison record
 * @param lastHttpStatus nullable: null when Google never answered (or was never called)
 * @param redrivable false for poison records: sending them again would fail the same way
 */
public record DeadLetter(
        UUID id,
        UUID blockId,
        UUID sourceEventId,
        UUID deletionId,
        UUID ownerId,
        String reason,
        String detail,
        Integer lastHttpStatus,
        int attempts,
        Instant firstFailureAt,
        Instant lastFailureAt,
        boolean redrivable,
        KeptRecord record,
        Instant deadLetteredAt) {}
