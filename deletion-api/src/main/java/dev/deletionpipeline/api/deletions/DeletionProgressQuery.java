package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports a deletion's progress from the database: blocks that still exist carry their {@code deletion_state} (null
 * after a restore), blocks the worker hard-deleted have a row in {@code deletion_receipts}. A block restored and then
 * deleted again counts under its newer deletion only.
 */
@Component
class DeletionProgressQuery {

    private static final List<String> STATES = List.of(
            BlockState.SOFT_DELETED.name(),
            BlockState.CLAIMED.name(),
            BlockState.FAILED.name(),
            DeletionState.CONFIRMED.name(),
            DeletionState.RESTORED.name(),
            DeletionState.HELD.name());

    /** A pending block that a legal hold covers is HELD (V10's {@code block_held}), whatever its bookkeeping says. */
    private static final String BLOCK_STATES = """
            SELECT id AS block_id,
                   CASE WHEN deletion_state IN (:softDeleted, :claimed)
                             AND block_held(owner_id, calendar_id, id, :now) THEN :held
                        ELSE coalesce(deletion_state, :restored) END AS state
              FROM blocks WHERE deletion_id = :deletion
            UNION ALL
            SELECT block_id, :confirmed AS state FROM deletion_receipts WHERE deletion_id = :deletion
            """;

    private final Deletions deletions;
    private final JdbcClient jdbc;
    private final Clock clock;

    DeletionProgressQuery(Deletions deletions, JdbcClient jdbc, Clock clock) {
        this.deletions = deletions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Optional<DeletionProgress> of(UUID deletionId, int page, int size) {
        return deletions.find(deletionId).map(deletion -> progressOf(deletion, page, size));
    }

    private DeletionProgress progressOf(Deletion d, int page, int size) {
        Map<String, Long> counts = counts(d.id());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        List<DeletionProgress.BlockProgress> items = jdbc.sql("SELECT block_id, state FROM (" + BLOCK_STATES
                        + ") s ORDER BY block_id LIMIT :size OFFSET :offset")
                .params(stateParams(d.id()))
                .param("size", size)
                .param("offset", (long) page * size)
                .query((rs, row) ->
                        new DeletionProgress.BlockProgress(rs.getObject("block_id", UUID.class), rs.getString("state")))
                .list();
        return new DeletionProgress(
                d.id(),
                d.ownerId(),
                d.kind(),
                d.target(),
                d.requestedBy(),
                d.requestedAt(),
                d.purgeAfter(),
                d.blockCount(),
                d.restoredAt(),
                d.dueBy(),
                counts,
                items,
                page,
                size,
                total);
    }

    private Map<String, Long> counts(UUID deletionId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        STATES.forEach(state -> counts.put(state, 0L));
        jdbc.sql("SELECT state, count(*) AS n FROM (" + BLOCK_STATES + ") s GROUP BY state")
                .params(stateParams(deletionId))
                .query((rs, row) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                .list()
                .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
        return counts;
    }

    private Map<String, Object> stateParams(UUID deletionId) {
        return Map.of(
                "deletion", deletionId,
                "now", SqlTime.param(SqlTime.now(clock)),
                "softDeleted", BlockState.SOFT_DELETED.name(),
                "claimed", BlockState.CLAIMED.name(),
                "held", DeletionState.HELD.name(),
                "restored", DeletionState.RESTORED.name(),
                "confirmed", DeletionState.CONFIRMED.name());
    }
}
