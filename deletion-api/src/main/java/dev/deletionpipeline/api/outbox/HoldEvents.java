package dev.deletionpipeline.api.outbox;

import static dev.deletionpipeline.api.outbox.OutboxWriter.iso;

import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.common.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the worker and the reconciler (through the outbox and {@code blocks.lifecycle.v1}) which pending blocks a legal
 * hold stops and frees: a {@link BlockHeld} when a pending block becomes held, a {@link BlockHoldReleased} when it
 * stops being held. "Held" is the V10 function {@code active_holds_on}; pending means soft-deleted and not yet gone
 * ({@code SOFT_DELETED}, or {@code CLAIMED} waiting for a retry). Reads {@code blocks} and {@code legal_holds}, writes
 * {@code outbox} (and, on release, {@code blocks.updated_at}); must run inside the transaction of the change it announces.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class HoldEvents {

    private static final String EVENTS = """
            SELECT e.event_id, :topic, e.id::text, :type, jsonb_build_object(
                       'eventId', e.event_id,
                       'deletionId', e.deletion_id,
                       'blockId', e.id,
                       'ownerId', e.owner_id,
                       'holdId', e.hold_id,
                       :timeField, %s)
              FROM (SELECT gen_random_uuid() AS event_id, b.id, b.deletion_id, b.owner_id, %s AS hold_id
                      FROM blocks b
                     WHERE %s AND b.deletion_state IN (:softDeleted, :claimed)) e
             WHERE e.hold_id IS NOT NULL
            """;

    private static final String HOLDS_OF_BLOCK = "active_holds_on(b.owner_id, b.calendar_id, b.id, :now)";

    /** Whether the block's owner has an active hold at all (index {@code legal_holds_owner_idx}). */
    private static final String OWNER_HAS_HOLDS =
            "EXISTS (SELECT 1 FROM legal_holds h WHERE h.owner_id = b.owner_id AND h.released_at IS NULL)";

    /**
     * Blocks of one deletion held by any hold: the oldest hold is named. The {@code CASE} calls
     * {@code active_holds_on} only for an owner with an active hold, as it finds none for the others: almost no owner
     * has a hold, and the function was most of a deletion's SQL time. (An {@code EXISTS} beside it in the
     * {@code WHERE} would not do: the planner pushes {@code hold_id IS NOT NULL} down into the scan of {@code blocks},
     * ahead of the semi-join.)
     *
     * <p>Rows without their {@code INSERT}: {@link OutboxWriter} writes them after the deletion's soft deletes, in the
     * same statement. Bound by {@link #heldInDeletionParams} and {@code :deletion}.
     */
    static final String HELD_IN_DELETION = EVENTS.formatted(
            iso("CAST(:now AS timestamptz)"),
            "CASE WHEN " + OWNER_HAS_HOLDS + " THEN (" + HOLDS_OF_BLOCK + ")[1] END",
            "b.deletion_id = :deletion");

    /** Blocks of the hold's owner held by this hold and no other. */
    private static final String HELD_BY_HOLD_ALONE =
            "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)\n"
                    + EVENTS.formatted(
                            iso("CAST(:now AS timestamptz)"),
                            "CASE WHEN " + HOLDS_OF_BLOCK
                                    + " = ARRAY[CAST(:hold AS uuid)] THEN CAST(:hold AS uuid) END",
                            "b.owner_id = :owner");

    /** What "pending" means in {@code blocks.deletion_state}, bound wherever the SQL above says it. */
    private static final Map<String, Object> PENDING =
            Map.of("softDeleted", BlockState.SOFT_DELETED.name(), "claimed", BlockState.CLAIMED.name());

    private final JdbcClient jdbc;

    HoldEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The parameters of {@link #HELD_IN_DELETION} but {@code :deletion}. */
    static Map<String, Object> heldInDeletionParams(Instant now) {
        Map<String, Object> params = new HashMap<>(PENDING);
        params.put("now", SqlTime.param(now));
        params.put("topic", Topics.BLOCKS_LIFECYCLE.name());
        params.put("type", EventTypes.typeOf(BlockHeld.class));
        params.put("timeField", "heldAt");
        return params;
    }

    /** After a hold was placed: one {@link BlockHeld} per pending block it alone holds; returns how many. */
    public int heldBy(UUID holdId, UUID ownerId, Instant now) {
        return byHoldAlone(holdId, ownerId, now, BlockHeld.class, "heldAt");
    }

    /**
     * Before a hold is released (while it still counts as active): one {@link BlockHoldReleased} per pending block it
     * alone holds, which the release frees; returns how many.
     */
    public int releasedFrom(UUID holdId, UUID ownerId, Instant now) {
        int freed = byHoldAlone(holdId, ownerId, now, BlockHoldReleased.class, "releasedAt");
        // the reconciler's safety-net sweep counts its deadline from updated_at: from the release, not the soft delete
        jdbc.sql("""
                        UPDATE blocks b SET updated_at = :now
                         WHERE b.owner_id = :owner AND b.deletion_state IN (:softDeleted, :claimed)
                           AND %s = ARRAY[CAST(:hold AS uuid)]
                        """.formatted(HOLDS_OF_BLOCK))
                .param("hold", holdId)
                .param("owner", ownerId)
                .param("now", SqlTime.param(now))
                .params(PENDING)
                .update();
        return freed;
    }

    private int byHoldAlone(UUID holdId, UUID ownerId, Instant now, Class<?> type, String timeField) {
        return jdbc.sql(HELD_BY_HOLD_ALONE)
                .param("hold", holdId)
                .param("owner", ownerId)
                .param("now", SqlTime.param(now))
                .params(PENDING)
                .param("topic", Topics.BLOCKS_LIFECYCLE.name())
                .param("type", EventTypes.typeOf(type))
                .param("timeField", timeField)
                .update();
    }
}
