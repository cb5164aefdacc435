package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.OrphanAction;
import dev.deletionpipeline.common.events.OrphanType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Live children whose {@code original_id} parent no longer exists in {@code blocks} (reads and deletes
 * {@code blocks}). A child without a Google event is removed: nothing outside our database can still hold it, and the
 * worker removes such children with their parent anyway. A child with a Google event is only reported: its event may
 * still exist, and deleting it at Google is a decision the owner never made explicitly (the parent's deletion may not
 * have been a cascade), so an operator decides.
 *
 * <p>Rows already in the pipeline ({@code deletion_state} set) are left to the worker and to the other rules.
 */
final class OrphanChildFinder implements SweepRule {

    private static final String ORPHAN_CHILD = """
            b.deletion_state is null
            and b.original_id is not null
            and not exists (select 1 from blocks p where p.id = b.original_id)
            """;

    private final JdbcClient jdbc;

    OrphanChildFinder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OrphanType type() {
        return OrphanType.ORPHAN_CHILD;
    }

    @Override
    public List<Finding> findActionable(Instant now, int limit) {
        return find("b.google_event_id is null", limit);
    }

    @Override
    public List<Finding> findReportOnly(Instant now, int limit) {
        return find("b.google_event_id is not null", limit);
    }

    @Override
    public long countChanges(Instant now) {
        return jdbc.sql("select count(*) from blocks b where b.google_event_id is null and " + ORPHAN_CHILD)
                .query(Long.class)
                .single();
    }

    @Override
    public Optional<Finding> apply(Finding finding, Instant now) {
        int removed = jdbc.sql(
                        "delete from blocks b where b.id = :id and b.google_event_id is null and " + ORPHAN_CHILD)
                .param("id", finding.blockId())
                .update();
        return removed == 1 ? Optional.of(finding) : Optional.empty();
    }

    private List<Finding> find(String condition, int limit) {
        return jdbc.sql("select b.id, b.owner_id, b.original_id, b.google_event_id from blocks b where " + condition
                        + " and " + ORPHAN_CHILD + " order by b.created_at, b.id limit :limit")
                .param("limit", limit)
                .query(OrphanChildFinder::finding)
                .list();
    }

    private static Finding finding(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject("original_id", UUID.class);
        String googleEventId = rs.getString("google_event_id");
        if (googleEventId == null) {
            return new Finding(
                    OrphanType.ORPHAN_CHILD,
                    OrphanAction.REMOVED,
                    rs.getObject("id", UUID.class),
                    null,
                    rs.getObject("owner_id", UUID.class),
                    "parent block " + parent + " no longer exists and the child has no Google event");
        }
        return new Finding(
                OrphanType.ORPHAN_CHILD,
                OrphanAction.REPORTED,
                rs.getObject("id", UUID.class),
                null,
                rs.getObject("owner_id", UUID.class),
                "parent block " + parent + " no longer exists; the child's Google event " + googleEventId
                        + " may still exist, so the child is kept for an operator");
    }
}
