package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.BlockState;
import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.sql.SqlTime;
import dev.deletionpipeline.reconciler.redrive.OutboxRedrive;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Blocks soft-deleted for longer than the deadline after {@code purge_after} with no confirmation (no
 * {@code deletion_receipts} row) and no open dead letter (not {@code FAILED}, no un-redriven {@code dead_letters} row
 * of the same deletion) and no legal hold (a release sets {@code updated_at}, so the deadline counts from it): their
 * {@code BlockSoftDeleted} was lost or never taken in. Each is re-driven through the
 * {@code outbox} ({@link OutboxRedrive}) and its {@code updated_at} set to now, so the next re-drive of the same block
 * waits another deadline however often the sweep runs.
 */
final class StuckDeletionFinder implements SweepRule {

    private static final String STUCK = """
            b.deletion_state = :softDeleted
            and b.purge_after < :cutoff
            and b.updated_at < :cutoff
            and not block_held(b.owner_id, b.calendar_id, b.id, :now)
            and not exists (select 1 from deletion_receipts r where r.block_id = b.id)
            and not exists (select 1 from dead_letters d
                            where d.block_id = b.id and d.redriven_at is null
                              and (d.deletion_id is null or d.deletion_id = b.deletion_id))
            """;

    private final JdbcClient jdbc;
    private final OutboxRedrive redrive;
    private final Duration deadline;

    StuckDeletionFinder(JdbcClient jdbc, OutboxRedrive redrive, Duration deadline) {
        this.jdbc = jdbc;
        this.redrive = redrive;
        this.deadline = deadline;
    }

    @Override
    public OrphanType type() {
        return OrphanType.STUCK_SOFT_DELETE;
    }

    @Override
    public List<Finding> findActionable(Instant now, int limit) {
        return jdbc.sql("select b.id, b.owner_id, b.deletion_id, b.purge_after from blocks b where " + STUCK
                        + " order by b.purge_after, b.id limit :limit")
                .param("cutoff", SqlTime.param(now.minus(deadline)))
                .param("now", SqlTime.param(now))
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .param("limit", limit)
                .query(this::finding)
                .list();
    }

    @Override
    public long countChanges(Instant now) {
        return jdbc.sql("select count(*) from blocks b where " + STUCK)
                .param("cutoff", SqlTime.param(now.minus(deadline)))
                .param("now", SqlTime.param(now))
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .query(Long.class)
                .single();
    }

    @Override
    public Optional<Finding> apply(Finding finding, Instant now) {
        int touched = jdbc.sql("update blocks b set updated_at = :now where b.id = :id and " + STUCK)
                .param("now", SqlTime.param(now))
                .param("softDeleted", BlockState.SOFT_DELETED.name())
                .param("cutoff", SqlTime.param(now.minus(deadline)))
                .param("id", finding.blockId())
                .update();
        if (touched == 0) {
            return Optional.empty();
        }
        OutboxRedrive.Redrive sent = redrive.redrive(finding.blockId(), now);
        return Optional.of(finding.withReason(finding.reason() + "; " + sent.describe()));
    }

    private Finding finding(ResultSet rs, int row) throws SQLException {
        return new Finding(
                OrphanType.STUCK_SOFT_DELETE,
                OrphanAction.REDRIVEN,
                rs.getObject("id", UUID.class),
                rs.getObject("deletion_id", UUID.class),
                rs.getObject("owner_id", UUID.class),
                "soft-deleted, not confirmed " + deadline + " after purgeAfter " + SqlTime.instant(rs, "purge_after")
                        + " and no open dead letter");
    }
}
