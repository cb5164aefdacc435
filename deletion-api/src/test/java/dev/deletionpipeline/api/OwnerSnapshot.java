package dev.deletionpipeline.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything a deletion of an owner's data could change, read at one moment: every block row's deletion columns, the
 * owner's {@code deletions} rows and the outbox rows about the owner. Two equal snapshots mean nothing changed.
 */
public record OwnerSnapshot(List<Map<String, Object>> blocks, long deletions, long outboxRows) {

    public static OwnerSnapshot of(JdbcClient jdbc, UUID owner) {
        return new OwnerSnapshot(
                jdbc.sql("""
                                SELECT id, deleted_at, item_status, deletion_id, deletion_state, purge_after, updated_at
                                  FROM blocks WHERE owner_id = :owner ORDER BY id
                                """).param("owner", owner).query().listOfRows(),
                jdbc.sql("SELECT count(*) FROM deletions WHERE owner_id = :owner")
                        .param("owner", owner)
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT count(*) FROM outbox WHERE payload ->> 'ownerId' = :owner")
                        .param("owner", owner.toString())
                        .query(Long.class)
                        .single());
    }
}
