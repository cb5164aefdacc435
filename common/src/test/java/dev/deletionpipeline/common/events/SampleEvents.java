package dev.deletionpipeline.common.events;

import dev.deletionpipeline.common.receipts.ReceiptDigests;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Realistic instances of every contract event, for tests here and in the other modules (shipped in the test jar): one
 * with every field filled, and one with every nullable field null.
 */
public final class SampleEvents {

    public static final UUID OWNER_ID = UUID.fromString("4f1e2d3c-8b7a-4c69-9e5d-0a1b2c3d4e5f");
    public static final UUID BLOCK_ID = UUID.fromString("b10c4e1d-2f3a-4b5c-8d6e-7f8091a2b3c4");
    public static final UUID PARENT_BLOCK_ID = UUID.fromString("b10c4e1d-0000-4b5c-8d6e-7f8091a2b3c4");
    public static final UUID DELETION_ID = UUID.fromString("de1e7e00-5a6b-4c7d-8e9f-a0b1c2d3e4f5");
    public static final UUID SOFT_DELETE_EVENT_ID = UUID.fromString("0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b");
    public static final UUID EARLIER_EVENT_ID = UUID.fromString("0e1f2a3b-0000-4e6f-9a7b-8c9d0e1f2a3b");
    public static final String CALENDAR_ID = "team-ops@group.calendar.google.com";
    public static final String RECURRING_EVENT_ID = "3g5h8j2k4l6m8n0p2q4r6s8t0u";
    public static final String GOOGLE_EVENT_ID = RECURRING_EVENT_ID + "_20260316T090000Z";
    public static final Instant SOFT_DELETED_AT = Instant.parse("2026-03-14T09:26:53.589Z");
    public static final Instant PURGE_AFTER = SOFT_DELETED_AT.plus(Duration.ofMinutes(15));

    private SampleEvents() {}

    /** One instance of every event type, every field filled (nullable ones too). */
    public static List<Object> filled() {
        return List.of(
                blockSoftDeleted(),
                blockRestored(),
                blockHeld(),
                blockHoldReleased(),
                hardDeleteConfirmed(),
                deletionRequested(),
                orphanDetected(),
                redriveRequested(),
                quotaWaitEstimated(),
                deletionStatus(),
                opsSummary(),
                deletionCompleted());
    }

    /** One instance of every event type with every nullable field null (an event without any stays filled). */
    public static List<Object> withNullablesNull() {
        return List.of(
                neverSyncedBlockSoftDeleted(),
                blockRestored(),
                blockHeld(),
                blockHoldReleased(),
                notSyncedHardDeleteConfirmed(),
                ownerDeletionRequested(),
                orphanChildDetected(),
                redriveRequested(),
                quotaWaitEstimated(),
                softDeletedStatus(),
                quietOpsSummary(),
                firstDeletionCompleted());
    }

    /** The filled instance of one event type. */
    public static Object filled(Class<?> eventClass) {
        return filled().stream()
                .filter(eventClass::isInstance)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No sample of " + eventClass));
    }

    public static BlockSoftDeleted blockSoftDeleted() {
        return new BlockSoftDeleted(
                SOFT_DELETE_EVENT_ID,
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                CALENDAR_ID,
                GOOGLE_EVENT_ID,
                PARENT_BLOCK_ID,
                RECURRING_EVENT_ID,
                BlockKind.CANCELLATION_MARKER,
                SOFT_DELETED_AT,
                PURGE_AFTER,
                EARLIER_EVENT_ID,
                SOFT_DELETED_AT.plus(Duration.ofDays(30)));
    }

    public static BlockSoftDeleted neverSyncedBlockSoftDeleted() {
        return new BlockSoftDeleted(
                SOFT_DELETE_EVENT_ID,
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                CALENDAR_ID,
                null,
                null,
                null,
                BlockKind.ORDINARY,
                SOFT_DELETED_AT,
                PURGE_AFTER,
                null);
    }

    public static BlockRestored blockRestored() {
        return new BlockRestored(
                UUID.fromString("7e570e0d-1a2b-4c3d-8e4f-5a6b7c8d9e0f"),
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                SOFT_DELETED_AT.plus(Duration.ofMinutes(3)));
    }

    public static final UUID HOLD_ID = UUID.fromString("401d0000-1a2b-4c3d-8e4f-5a6b7c8d9e0f");

    public static BlockHeld blockHeld() {
        return new BlockHeld(
                UUID.fromString("401d0001-1a2b-4c3d-8e4f-5a6b7c8d9e0f"),
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                HOLD_ID,
                SOFT_DELETED_AT.plus(Duration.ofMinutes(2)));
    }

    public static BlockHoldReleased blockHoldReleased() {
        return new BlockHoldReleased(
                UUID.fromString("401d0002-1a2b-4c3d-8e4f-5a6b7c8d9e0f"),
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                HOLD_ID,
                SOFT_DELETED_AT.plus(Duration.ofDays(40)));
    }

    public static HardDeleteConfirmed hardDeleteConfirmed() {
        return new HardDeleteConfirmed(
                UUID.fromString("c0f1a2b3-c4d5-4e6f-8a7b-9c0d1e2f3a4b"),
                SOFT_DELETE_EVENT_ID,
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                CALENDAR_ID,
                GOOGLE_EVENT_ID,
                HardDeleteOutcome.ALREADY_GONE,
                2,
                3,
                SOFT_DELETED_AT,
                PURGE_AFTER.plusSeconds(4),
                PURGE_AFTER.plusSeconds(5),
                PURGE_AFTER.plusSeconds(5).plusMillis(120));
    }

    public static HardDeleteConfirmed notSyncedHardDeleteConfirmed() {
        return new HardDeleteConfirmed(
                UUID.fromString("c0f1a2b3-c4d5-4e6f-8a7b-9c0d1e2f3a4b"),
                SOFT_DELETE_EVENT_ID,
                DELETION_ID,
                BLOCK_ID,
                OWNER_ID,
                CALENDAR_ID,
                null,
                HardDeleteOutcome.NOT_SYNCED,
                0,
                0,
                SOFT_DELETED_AT,
                null,
                null,
                PURGE_AFTER.plusSeconds(1));
    }

    public static DeletionRequested deletionRequested() {
        return new DeletionRequested(
                UUID.fromString("a5c0d1e2-f3a4-4b5c-9d6e-7f8091a2b3c4"),
                DeletionScope.BLOCK,
                OWNER_ID,
                BLOCK_ID,
                CALENDAR_ID,
                "billing-service",
                SOFT_DELETED_AT.minusMillis(250));
    }

    public static DeletionRequested ownerDeletionRequested() {
        return new DeletionRequested(
                UUID.fromString("a5c0d1e2-f3a4-4b5c-9d6e-000000000001"),
                DeletionScope.OWNER,
                OWNER_ID,
                null,
                null,
                "account-service",
                SOFT_DELETED_AT.minusMillis(250));
    }

    public static OrphanDetected orphanDetected() {
        return new OrphanDetected(
                UUID.fromString("0a1b2c3d-0000-4e5f-8a6b-7c8d9e0f1a2b"),
                BLOCK_ID,
                DELETION_ID,
                OWNER_ID,
                OrphanType.DEAD_LETTERED,
                OrphanAction.REDRIVEN,
                "GOOGLE_403_FORBIDDEN after 5 attempts",
                PURGE_AFTER.plus(Duration.ofHours(1)));
    }

    public static OrphanDetected orphanChildDetected() {
        return new OrphanDetected(
                UUID.fromString("0a1b2c3d-1111-4e5f-8a6b-7c8d9e0f1a2b"),
                BLOCK_ID,
                null,
                OWNER_ID,
                OrphanType.ORPHAN_CHILD,
                OrphanAction.REPORTED,
                "parent " + PARENT_BLOCK_ID + " no longer exists",
                PURGE_AFTER.plus(Duration.ofHours(1)));
    }

    public static RedriveRequested redriveRequested() {
        return new RedriveRequested(
                UUID.fromString("7ed71e00-2b3c-4d5e-8f6a-7b8c9d0e1f2a"),
                BLOCK_ID,
                DELETION_ID,
                SOFT_DELETE_EVENT_ID,
                1,
                PURGE_AFTER.plus(Duration.ofHours(1)));
    }

    public static QuotaWaitEstimated quotaWaitEstimated() {
        return new QuotaWaitEstimated(
                UUID.fromString("9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d"),
                DELETION_ID,
                OWNER_ID,
                7_400,
                PURGE_AFTER.plus(Duration.ofMinutes(13)),
                PURGE_AFTER.plusSeconds(1));
    }

    public static DeletionStatus deletionStatus() {
        return new DeletionStatus(
                BLOCK_ID,
                DELETION_ID,
                OWNER_ID,
                DeletionState.CONFIRMED,
                "confirmed after a redrive",
                SOFT_DELETED_AT,
                PURGE_AFTER,
                PURGE_AFTER.plusSeconds(5),
                PURGE_AFTER.plusSeconds(6),
                UUID.fromString("c0f1a2b3-c4d5-4e6f-8a7b-9c0d1e2f3a4b"),
                1,
                null);
    }

    public static DeletionStatus softDeletedStatus() {
        return new DeletionStatus(
                BLOCK_ID,
                DELETION_ID,
                OWNER_ID,
                DeletionState.SOFT_DELETED,
                null,
                SOFT_DELETED_AT,
                null,
                null,
                SOFT_DELETED_AT.plusMillis(40),
                SOFT_DELETE_EVENT_ID,
                0,
                null);
    }

    public static OpsSummary opsSummary() {
        return new OpsSummary(
                "pipeline",
                PURGE_AFTER.plus(Duration.ofMinutes(1)),
                Map.of(DeletionState.SOFT_DELETED, 12L, DeletionState.CONFIRMED, 4_031L, DeletionState.FAILED, 2L),
                Map.of("GOOGLE_403_FORBIDDEN", 2L, "POISON_NOT_JSON", 1L),
                905_000L,
                new LatencyPercentiles(910_400, 932_150, 960_020, 4_031),
                300,
                17,
                3,
                1,
                2,
                7_412,
                PURGE_AFTER.plus(Duration.ofMinutes(13)));
    }

    public static OpsSummary quietOpsSummary() {
        return new OpsSummary(
                "pipeline",
                PURGE_AFTER.plus(Duration.ofMinutes(1)),
                Map.of(),
                Map.of(),
                0,
                LatencyPercentiles.NONE,
                300,
                0,
                0,
                0,
                0,
                0,
                null);
    }

    /** A receipt of a deletion of two blocks, one deleted in Google and one failed, chained to an earlier receipt. */
    public static DeletionCompleted deletionCompleted() {
        Instant answered = PURGE_AFTER.plusSeconds(2);
        List<ReceiptBlock> blocks = List.of(
                new ReceiptBlock(
                        BLOCK_ID,
                        CALENDAR_ID,
                        GOOGLE_EVENT_ID,
                        ReceiptOutcome.DELETED,
                        204,
                        null,
                        SOFT_DELETED_AT,
                        answered,
                        answered.plusMillis(40),
                        null),
                new ReceiptBlock(
                        PARENT_BLOCK_ID,
                        CALENDAR_ID,
                        RECURRING_EVENT_ID,
                        ReceiptOutcome.FAILED,
                        403,
                        "GOOGLE_403_FORBIDDEN: forbiddenForNonOrganizer",
                        SOFT_DELETED_AT,
                        answered,
                        null,
                        SOFT_DELETED_AT.plusSeconds(1)));
        return ReceiptDigests.sealed(new DeletionCompleted(
                UUID.fromString("c0de0000-5a6b-4c7d-8e9f-a0b1c2d3e4f5"),
                DELETION_ID,
                OWNER_ID,
                "CALENDAR",
                CALENDAR_ID,
                "owner:" + OWNER_ID,
                SOFT_DELETED_AT,
                SOFT_DELETED_AT.plus(Duration.ofDays(30)),
                answered.plusMillis(40),
                2,
                ReceiptTotals.of(blocks),
                blocks,
                null,
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
                "unsealed"));
    }

    /**
     * An owner's first receipt, sealed before {@code blocksDigest} existed (its digest covers its blocks): no previous
     * digest, no target, a never-synced block.
     */
    public static DeletionCompleted firstDeletionCompleted() {
        List<ReceiptBlock> blocks = List.of(new ReceiptBlock(
                BLOCK_ID,
                CALENDAR_ID,
                null,
                ReceiptOutcome.NOT_SYNCED,
                null,
                null,
                SOFT_DELETED_AT,
                null,
                PURGE_AFTER.plusSeconds(1),
                null));
        return sealedBeforeBlocksDigest(new DeletionCompleted(
                UUID.fromString("c0de0001-5a6b-4c7d-8e9f-a0b1c2d3e4f5"),
                DELETION_ID,
                OWNER_ID,
                "OWNER",
                null,
                "billing",
                SOFT_DELETED_AT,
                SOFT_DELETED_AT.plus(Duration.ofDays(30)),
                PURGE_AFTER.plusSeconds(1),
                1,
                ReceiptTotals.of(blocks),
                blocks,
                null,
                null,
                null,
                "unsealed"));
    }

    /** The receipt as deletion-worker sealed it before {@code blocksDigest}: no blocks digest, blocks in the digest. */
    public static DeletionCompleted sealedBeforeBlocksDigest(DeletionCompleted receipt) {
        DeletionCompleted withoutBlocksDigest = RecordFields.with(receipt, "blocksDigest", null);
        return RecordFields.with(withoutBlocksDigest, "digest", ReceiptDigests.digestOf(withoutBlocksDigest));
    }
}
