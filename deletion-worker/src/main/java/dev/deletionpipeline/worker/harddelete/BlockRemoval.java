package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.worker.SqlArrays;
import dev.deletionpipeline.worker.harddelete.DependantConfirmations.RemovedDependant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The set-based deletes of a hard delete, each one statement for the whole batch, run inside the caller's transaction:
 * the claimed blocks (only while this claim still holds them), then their dependants whose Google copy is provably
 * gone — children without a Google event of their own, and instances of a series that Google just deleted.
 */
@Repository
class BlockRemoval {

    private static final String CLAIMED = """
            delete from blocks b using unnest(:ids, :tokens) as c(id, token)
            where b.id = c.id and b.claimed_by = c.token and b.deletion_state = :claimed
            returning b.id
            """;

    // Direct children, through blocks_original_idx. A child with a Google event of its own that is not an instance of
    // the deleted series stays: its own deletion deletes that event first.
    private static final String CHILDREN = """
            delete from blocks d using unnest(:ids, :ownerIds, :googleEventIds) as p(id, owner_id, google_event_id)
            where d.original_id = p.id and d.deletion_state is not null
              and (d.google_event_id is null or d.google_event_data ->> 'recurringEventId' = p.google_event_id)
            returning d.id, p.id as parent_id, d.deletion_id, d.owner_id, d.calendar_id, d.google_event_id
            """;

    // The recurring chain of a series Google just deleted, through blocks_recurring_idx ("??" is JDBC for jsonb's ?).
    private static final String CHAIN = """
            delete from blocks d using unnest(:ids, :ownerIds, :googleEventIds) as p(id, owner_id, google_event_id)
            where p.google_event_id is not null and d.google_event_data ?? 'recurringEventId'
              and d.owner_id = p.owner_id and d.google_event_data ->> 'recurringEventId' = p.google_event_id
              and d.deletion_state is not null
            returning d.id, p.id as parent_id, d.deletion_id, d.owner_id, d.calendar_id, d.google_event_id
            """;

    private final JdbcClient jdbc;

    BlockRemoval(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the ids actually deleted: a block whose claim was taken over by another attempt is left alone */
    List<UUID> deleteClaimed(List<UUID> ids, List<String> claimTokens) {
        return jdbc.sql(CLAIMED)
                .param("ids", SqlArrays.uuids(ids))
                .param("tokens", SqlArrays.texts(claimTokens))
                .param("claimed", BlockState.CLAIMED.name())
                .query(UUID.class)
                .list();
    }

    /** A parent whose dependants go with it; {@code googleEventId} only when Google confirmed its event gone. */
    record Parent(UUID id, UUID ownerId, String googleEventId, Instant googleAnsweredAt) {}

    List<RemovedDependant> deleteDependants(List<Parent> parents, Instant now) {
        if (parents.isEmpty()) {
            return List.of();
        }
        List<RemovedDependant> removed = new ArrayList<>(deleteDependants(CHILDREN, parents, now));
        removed.addAll(deleteDependants(CHAIN, parents, now));
        return removed;
    }

    private List<RemovedDependant> deleteDependants(String sql, List<Parent> parents, Instant now) {
        Map<UUID, Parent> byId = new HashMap<>();
        parents.forEach(p -> byId.put(p.id(), p));
        return jdbc.sql(sql)
                .param("ids", SqlArrays.uuids(map(parents, Parent::id)))
                .param("ownerIds", SqlArrays.uuids(map(parents, Parent::ownerId)))
                .param("googleEventIds", SqlArrays.texts(map(parents, Parent::googleEventId)))
                .query((row, n) -> {
                    UUID parentId = row.getObject("parent_id", UUID.class);
                    return new RemovedDependant(
                            row.getObject("id", UUID.class),
                            parentId,
                            row.getObject("deletion_id", UUID.class),
                            row.getObject("owner_id", UUID.class),
                            row.getString("calendar_id"),
                            row.getString("google_event_id"),
                            byId.get(parentId).googleAnsweredAt(),
                            now);
                })
                .list();
    }

    private static <T> List<T> map(List<Parent> parents, Function<Parent, T> field) {
        return parents.stream().map(field).toList();
    }
}
