package dev.deletionpipeline.api.owners;

import dev.deletionpipeline.common.sql.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code owners} and deletes {@code session_tokens}. */
@Repository
class Owners {

    private final JdbcClient jdbc;

    Owners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Owner> find(UUID id) {
        return jdbc.sql("SELECT * FROM owners WHERE id = :id")
                .param("id", id)
                .query(Owners::map)
                .optional();
    }

    /** The owner, locked until the end of the transaction, so that withdrawal, restore and purge serialise. */
    Optional<Owner> lock(UUID id) {
        return jdbc.sql("SELECT * FROM owners WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Owners::map)
                .optional();
    }

    /** The next withdrawn owner past the window whose purge has not started; skips owners another instance holds. */
    Optional<Owner> lockNextDue(Instant now) {
        return jdbc.sql("""
                        SELECT * FROM owners
                         WHERE deleted_at IS NOT NULL AND purge_started_at IS NULL AND purge_after <= :now
                         ORDER BY purge_after LIMIT 1 FOR UPDATE SKIP LOCKED
                        """).param("now", SqlTime.param(now)).query(Owners::map).optional();
    }

    void insert(UUID id, String handle, String displayName, Instant now) {
        jdbc.sql("INSERT INTO owners (id, handle, display_name, created_at) VALUES (:id, :handle, :name, :now)")
                .param("id", id)
                .param("handle", handle)
                .param("name", displayName)
                .param("now", SqlTime.param(now))
                .update();
    }

    void markWithdrawn(UUID id, UUID deletionId, Instant now, Instant purgeAfter) {
        jdbc.sql("UPDATE owners SET deleted_at = :now, deletion_id = :deletion, purge_after = :purge WHERE id = :id")
                .param("id", id)
                .param("deletion", deletionId)
                .param("now", SqlTime.param(now))
                .param("purge", SqlTime.param(purgeAfter))
                .update();
    }

    void markRestored(UUID id) {
        jdbc.sql("UPDATE owners SET deleted_at = NULL, deletion_id = NULL, purge_after = NULL WHERE id = :id")
                .param("id", id)
                .update();
    }

    void markPurgeStarted(UUID id, Instant now) {
        jdbc.sql("UPDATE owners SET purge_started_at = :now WHERE id = :id")
                .param("id", id)
                .param("now", SqlTime.param(now))
                .update();
    }

    boolean handleHeldByAnotherLiveOwner(Owner owner) {
        return jdbc.sql("SELECT count(*) FROM owners WHERE handle = :handle AND deleted_at IS NULL AND id <> :id")
                        .param("handle", owner.handle())
                        .param("id", owner.id())
                        .query(Integer.class)
                        .single()
                > 0;
    }

    int deleteSessions(UUID ownerId) {
        return jdbc.sql("DELETE FROM session_tokens WHERE owner_id = :owner")
                .param("owner", ownerId)
                .update();
    }

    /** Hard-deletes purged owners none of whose blocks is left (credentials and sessions go with them). */
    int deletePurgedWithoutBlocks() {
        return jdbc.sql("""
                        DELETE FROM owners o
                         WHERE o.purge_started_at IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.owner_id = o.id)
                        """).update();
    }

    private static Owner map(ResultSet rs, int row) throws SQLException {
        return new Owner(
                rs.getObject("id", UUID.class),
                rs.getString("handle"),
                rs.getString("display_name"),
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "deleted_at"),
                rs.getObject("deletion_id", UUID.class),
                SqlTime.instant(rs, "purge_after"),
                SqlTime.instant(rs, "purge_started_at"));
    }
}
