package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.sql.SqlTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the block a delete request names, for its owner only: locked ({@code FOR UPDATE}) so that two concurrent
 * deletes of the same block serialise and the second one sees the first one's deletion; or, when the block is gone,
 * its receipt in {@code deletion_receipts}.
 */
@Component
class DeletionTargets {

    private final JdbcClient jdbc;

    DeletionTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BlockDeletionState> lock(UUID owner, UUID blockId) {
        return jdbc.sql("""
                        SELECT id, deletion_id, deletion_state, purge_after, calendar_id, google_event_id
                          FROM blocks WHERE id = :id AND owner_id = :owner FOR UPDATE
                        """)
                .param("id", blockId)
                .param("owner", owner)
                .query((rs, row) -> new BlockDeletionState(
                        rs.getObject("id", UUID.class),
                        rs.getObject("deletion_id", UUID.class),
                        rs.getString("deletion_state"),
                        SqlTime.instant(rs, "purge_after"),
                        rs.getString("calendar_id"),
                        rs.getString("google_event_id")))
                .optional();
    }

    Optional<BlockDeletionState> receipt(UUID owner, UUID blockId) {
        return jdbc.sql("""
                        SELECT r.block_id, r.deletion_id, d.purge_after
                          FROM deletion_receipts r LEFT JOIN deletions d ON d.id = r.deletion_id
                         WHERE r.block_id = :id AND r.owner_id = :owner
                        """)
                .param("id", blockId)
                .param("owner", owner)
                .query((rs, row) -> new BlockDeletionState(
                        rs.getObject("block_id", UUID.class),
                        rs.getObject("deletion_id", UUID.class),
                        DeletionState.CONFIRMED.name(),
                        SqlTime.instant(rs, "purge_after"),
                        null,
                        null))
                .optional();
    }

    boolean ownerExists(UUID owner) {
        return jdbc.sql("SELECT count(*) FROM owners WHERE id = :owner")
                        .param("owner", owner)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
