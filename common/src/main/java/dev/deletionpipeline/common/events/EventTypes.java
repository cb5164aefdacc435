package dev.deletionpipeline.common.events;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The CloudEvents {@code ce_type} of each event record, and back. Also the {@code type} column of outbox rows, which
 * Debezium's outbox router puts into the {@code ce_type} header.
 */
public final class EventTypes {

    private static final String PREFIX = "dev.deletionpipeline.";

    private static final Map<Class<?>, String> TYPES = Map.ofEntries(
            Map.entry(BlockSoftDeleted.class, PREFIX + "BlockSoftDeleted.v1"),
            Map.entry(BlockRestored.class, PREFIX + "BlockRestored.v1"),
            Map.entry(BlockHeld.class, PREFIX + "BlockHeld.v1"),
            Map.entry(BlockHoldReleased.class, PREFIX + "BlockHoldReleased.v1"),
            Map.entry(HardDeleteConfirmed.class, PREFIX + "HardDeleteConfirmed.v1"),
            Map.entry(DeletionRequested.class, PREFIX + "DeletionRequested.v1"),
            Map.entry(OrphanDetected.class, PREFIX + "OrphanDetected.v1"),
            Map.entry(RedriveRequested.class, PREFIX + "RedriveRequested.v1"),
            Map.entry(QuotaWaitEstimated.class, PREFIX + "QuotaWaitEstimated.v1"),
            Map.entry(DeletionStatus.class, PREFIX + "DeletionStatus.v1"),
            Map.entry(OpsSummary.class, PREFIX + "OpsSummary.v1"),
            Map.entry(DeletionCompleted.class, PREFIX + "DeletionCompleted.v1"));

    private EventTypes() {}

    /** Every event record of the contract. */
    public static Set<Class<?>> eventClasses() {
        return TYPES.keySet();
    }

    /** The {@code ce_type} of an event record class; throws {@link IllegalArgumentException} for any other class. */
    public static String typeOf(Class<?> eventClass) {
        String type = TYPES.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("Not an event of the contract: " + eventClass.getName());
        }
        return type;
    }

    /** The event record class of a {@code ce_type}, or empty for a type the contract does not know. */
    public static Optional<Class<?>> classOf(String type) {
        return TYPES.entrySet().stream()
                .filter(e -> e.getValue().equals(type))
                .<Class<?>>map(Map.Entry::getKey)
                .findFirst();
    }
}
