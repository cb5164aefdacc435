package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.HardDeleteOutcome;
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
 * Live instances of a recurring series ({@code google_event_data ->> 'recurringEventId'}) whose series block is no
 * longer in {@code blocks} (reads {@code blocks} and {@code deletion_receipts}, deletes {@code blocks}).
 *
 * <p>An instance is removed only when a receipt proves that Google deleted the series: a receipt of the same owner
 * and calendar for the series' Google event, with outcome {@code DELETED} (Google answered 204 to our delete), written
 * after the instance was last synced (a later sync would mean Google still knew the series). Google deletes a series'
 * instances with it, so nothing at Google can still hold the instance. An {@code ALREADY_GONE} receipt is not proof:
 * the worker accepts a 404 once the calendar answered, which says the series is not where we looked, not that Google
 * deleted it — so such instances are only reported, like those without any receipt. (Reading the series back from
 * Google, cancelled or 410, would be proof too; the reconciler has no Google client, so it does not.)
 *
 * <p>{@code ??} is PostgreSQL's {@code ?} (jsonb has key) operator, escaped for JDBC; it matches the partial index
 * {@code blocks_recurring_idx}.
 */
final class ChainLeftoverFinder implements SweepRule {

    private static final String INSTANCE_WITHOUT_SERIES = """
            b.deletion_state is null
            and b.google_event_data ?? 'recurringEventId'
            and not exists (select 1 from blocks s
                            where s.owner_id = b.owner_id and s.calendar_id = b.calendar_id
                              and s.google_event_id = b.google_event_data ->> 'recurringEventId')
            """;

    private static final String SERIES_RECEIPT = """
            exists (select 1 from deletion_receipts r
                    where r.owner_id = b.owner_id and r.calendar_id = b.calendar_id
                      and r.google_event_id = b.google_event_data ->> 'recurringEventId'
                      and r.outcome = '%s'
                      and r.hard_deleted_at >= b.updated_at)
            """;

    private static final String SERIES_GONE_AT_GOOGLE = SERIES_RECEIPT.formatted(HardDeleteOutcome.DELETED.name());
    private static final String SERIES_ONLY_ALREADY_GONE =
            SERIES_RECEIPT.formatted(HardDeleteOutcome.ALREADY_GONE.name());

    private final JdbcClient jdbc;

    ChainLeftoverFinder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OrphanType type() {
        return OrphanType.CHAIN_LEFTOVER;
    }

    @Override
    public List<Finding> findActionable(Instant now, int limit) {
        return find(true, limit);
    }

    @Override
    public List<Finding> findReportOnly(Instant now, int limit) {
        return find(false, limit);
    }

    @Override
    public long countChanges(Instant now) {
        return jdbc.sql("select count(*) from blocks b where " + INSTANCE_WITHOUT_SERIES + " and "
                        + SERIES_GONE_AT_GOOGLE)
                .query(Long.class)
                .single();
    }

    @Override
    public Optional<Finding> apply(Finding finding, Instant now) {
        int removed = jdbc.sql("delete from blocks b where b.id = :id and " + INSTANCE_WITHOUT_SERIES + " and "
                        + SERIES_GONE_AT_GOOGLE)
                .param("id", finding.blockId())
                .update();
        return removed == 1 ? Optional.of(finding) : Optional.empty();
    }

    private List<Finding> find(boolean seriesGone, int limit) {
        return jdbc.sql("select b.id, b.owner_id, b.calendar_id, b.google_event_data ->> 'recurringEventId' as series, "
                        + SERIES_ONLY_ALREADY_GONE + " as already_gone_only from blocks b where "
                        + INSTANCE_WITHOUT_SERIES + " and " + (seriesGone ? "" : "not ")
                        + SERIES_GONE_AT_GOOGLE + " order by b.created_at, b.id limit :limit")
                .param("limit", limit)
                .query((rs, row) -> finding(rs, seriesGone))
                .list();
    }

    private static Finding finding(ResultSet rs, boolean seriesGone) throws SQLException {
        String series = rs.getString("series");
        String calendar = rs.getString("calendar_id");
        return new Finding(
                OrphanType.CHAIN_LEFTOVER,
                seriesGone ? OrphanAction.REMOVED : OrphanAction.REPORTED,
                rs.getObject("id", UUID.class),
                null,
                rs.getObject("owner_id", UUID.class),
                seriesGone
                        ? "series " + series + " of calendar " + calendar
                                + " was deleted at Google (receipt found): its instances went with it"
                        : rs.getBoolean("already_gone_only")
                                ? "series " + series + " of calendar " + calendar
                                        + " is not in blocks and Google only answered that it was already gone"
                                        + " (ALREADY_GONE receipt, not proof that Google deleted it);"
                                        + " the instance is kept for an operator"
                                : "series " + series + " of calendar " + calendar
                                        + " is not in blocks and no receipt proves it was deleted at Google;"
                                        + " the instance is kept for an operator");
    }
}
