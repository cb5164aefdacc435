package dev.deletionpipeline.api.deletions;

import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code deletion_confirmations}. Stored rows rather than signed tokens: any instance can check a
 * token another issued, without a shared secret, and a token is used once. Rows are removed a day after they expire.
 */
@Repository
class Confirmations {

    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final JdbcClient jdbc;

    Confirmations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Confirmation c) {
        jdbc.sql("DELETE FROM deletion_confirmations WHERE expires_at < :cutoff")
                .param("cutoff", SqlTime.param(c.expiresAt().minus(KEPT_AFTER_EXPIRY)))
                .update();
        jdbc.sql("""
                        INSERT INTO deletion_confirmations
                               (token, requested_by, owner_id, scope, target, blocks, expires_at)
                        VALUES (:token, :requestedBy, :owner, :scope, :target, :blocks, :expiresAt)
                        """)
                .param("token", c.token())
                .param("requestedBy", c.requestedBy())
                .param("owner", c.ownerId())
                .param("scope", c.kind().name())
                .param("target", c.target())
                .param("blocks", c.blocks())
                .param("expiresAt", SqlTime.param(c.expiresAt()))
                .update();
    }

    Optional<Confirmation> find(UUID token) {
        return jdbc.sql("SELECT * FROM deletion_confirmations WHERE token = :token")
                .param("token", token)
                .query((rs, row) -> new Confirmation(
                        rs.getObject("token", UUID.class),
                        rs.getString("requested_by"),
                        rs.getObject("owner_id", UUID.class),
                        DeletionKind.valueOf(rs.getString("scope")),
                        rs.getString("target"),
                        rs.getLong("blocks"),
                        SqlTime.instant(rs, "expires_at"),
                        rs.getObject("deletion_id", UUID.class)))
                .optional();
    }

    /** Marks the token used by the deletion, in its transaction; false if another request used it first. */
    boolean markUsed(UUID token, UUID deletionId) {
        return jdbc.sql("""
                                UPDATE deletion_confirmations SET deletion_id = :deletion
                                 WHERE token = :token AND deletion_id IS NULL
                                """).param("token", token).param("deletion", deletionId).update() == 1;
    }
}
