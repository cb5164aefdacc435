package dev.deletionpipeline.api.deletions;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What one deletion targets among an owner's live blocks: the single definition that the soft delete, the dry-run
 * preview, the threshold and the approval of held commands share, so that a preview counts exactly the rows the soft
 * delete would touch.
 */
public sealed interface DeletionTarget {

    /** The live blocks of the owner, as every target narrows them; {@code :owner} is the deletion's owner. */
    String LIVE_BLOCKS_OF_OWNER = "owner_id = :owner AND deletion_state IS NULL";

    /** The {@code deletions.scope} of a deletion of this target. */
    DeletionKind kind();

    /** The {@code deletions.target} value: what was asked for. */
    String target();

    /** The narrowing of {@link #LIVE_BLOCKS_OF_OWNER}, with named parameters from {@link #params()}. */
    String narrowing();

    Map<String, Object> params();

    /** The full predicate over {@code blocks} (unqualified column names). */
    default String predicate() {
        return LIVE_BLOCKS_OF_OWNER + " AND " + narrowing();
    }

    /** The predicate's parameters, the owner included. */
    default Map<String, Object> params(UUID owner) {
        Map<String, Object> all = new HashMap<>(params());
        all.put("owner", owner);
        return all;
    }

    static DeletionTarget calendar(String calendarId) {
        return new Calendar(calendarId);
    }

    static DeletionTarget everyBlockOf(UUID owner) {
        return new EveryBlock(owner);
    }

    /**
     * A block, its direct children and, when it is a recurring series, its instances (same owner and calendar, as
     * Google event ids are unique per calendar): each branch can use its own index (primary key,
     * {@code blocks_original_idx}, {@code blocks_recurring_idx}).
     *
     * @param seriesEventId the block's own Google event id (the {@code recurringEventId} of its instances); nullable
     */
    record Block(UUID blockId, String calendarId, String seriesEventId) implements DeletionTarget {

        @Override
        public DeletionKind kind() {
            return DeletionKind.BLOCK;
        }

        @Override
        public String target() {
            return blockId.toString();
        }

        @Override
        public String narrowing() {
            return """
                    id IN (SELECT id FROM blocks WHERE id = :block
                           UNION ALL
                           SELECT id FROM blocks WHERE original_id = :block
                           UNION ALL
                           SELECT id FROM blocks
                            WHERE owner_id = :owner AND calendar_id = :calendar
                              AND google_event_data ?? 'recurringEventId'
                              AND google_event_data ->> 'recurringEventId' = CAST(:series AS text))
                    """;
        }

        @Override
        public Map<String, Object> params() {
            Map<String, Object> params = new HashMap<>();
            params.put("block", blockId);
            params.put("calendar", calendarId);
            params.put("series", seriesEventId);
            return params;
        }
    }

    /** Every live block of the owner in one calendar. */
    record Calendar(String calendarId) implements DeletionTarget {

        @Override
        public DeletionKind kind() {
            return DeletionKind.CALENDAR;
        }

        @Override
        public String target() {
            return calendarId;
        }

        @Override
        public String narrowing() {
            return "calendar_id = :calendar";
        }

        @Override
        public Map<String, Object> params() {
            return Map.of("calendar", calendarId);
        }
    }

    /** Every live block of the owner. */
    record EveryBlock(UUID owner) implements DeletionTarget {

        @Override
        public DeletionKind kind() {
            return DeletionKind.OWNER;
        }

        @Override
        public String target() {
            return owner.toString();
        }

        @Override
        public String narrowing() {
            return "TRUE";
        }

        @Override
        public Map<String, Object> params() {
            return Map.of();
        }
    }
}
