package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.reconciler.redrive.OutboxRedrive;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Worker claims whose lease expired ({@code deletion_state = CLAIMED} and {@code claim_expires_at} past): the worker
 * died mid-deletion. Each is released in {@code blocks} (back to {@code SOFT_DELETED}, claim cleared) by an update
 * that re-checks the expiry, so a worker that finished or renewed its lease meanwhile wins; then re-driven through the
 * {@code outbox} ({@link OutboxRedrive}) so that a worker takes it in again. Claiming again is safe: Google answering
 * 404 or 410 for an event the dead worker already deleted counts as success.
 */
final class ExpiredClaimFinder implements SweepRule {

    // a held block's claim lapses on purpose: the worker does not claim it again until the hold is released
    private static final String EXPIRED = "b.deletion_state = :claimed and b.claim_expires_at < :now"
            + " and not block_held(b.owner_id, b.calendar_id, b.id, :now)";

    private final JdbcClient jdbc;
    private final OutboxRedrive redrive;

    ExpiredClaimFinder(JdbcClient jdbc, OutboxRedrive redrive) {
        this.jdbc = jdbc;
        this.redrive = redrive;
    }

    @Override
    public OrphanType type() {
        return OrphanType.EXPIRED_CLAIM;
    }

    @Override
    public List<Finding> findActionable(Instant now, int limit) {
        return jdbc.sql("select b.id, b.owner_id, b.deletion_id, b.claimed_by, b.claim_expires_at from blocks b where "
                        + EXPIRED + " order by b.claim_expires_at, b.id limit :limit")
                .param("now", SqlTime.param(now))
                .param("claimed", BlockState.CLAIMED.name())
                .param("limit", limit)
                .query(ExpiredClaimFinder::finding)
                .list();
    }

    @Override
    public long countChanges(Instant now) {
        return jdbc.sql("select count(*) from blocks b where " + EXPIRED)
                .param("now", SqlTime.param(now))
                .param("claimed", BlockState.CLAIMED.name())
                .query(Long.class)
                .single();
    }

    @Override
    public Optional<Finding> apply(Finding finding, Instant now) {
        int released = jdbc.sql("""
                        update blocks b
                        set deletion_state = :softDeleted, claimed_by = null, claim_expires_at = null,
                            updated_at = :now
                        where b.id = :id and\s""" + EXPIRED)
                .param("now", SqlTime.param(now))
                .param("claimed", BlockState.CLAIMED.name())
                .param("id", finding.blockId())
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .update();
        if (released == 0) {
            return Optional.empty();
        }
        OutboxRedrive.Redrive sent = redrive.redrive(finding.blockId(), now);
        return Optional.of(finding.withReason(finding.reason() + "; released and " + sent.describe()));
    }

    private static Finding finding(ResultSet rs, int row) throws SQLException {
        return new Finding(
                OrphanType.EXPIRED_CLAIM,
                OrphanAction.RELEASED,
                rs.getObject("id", UUID.class),
                rs.getObject("deletion_id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                "claim of " + rs.getString("claimed_by") + " expired at " + SqlTime.instant(rs, "claim_expires_at"));
    }
}
