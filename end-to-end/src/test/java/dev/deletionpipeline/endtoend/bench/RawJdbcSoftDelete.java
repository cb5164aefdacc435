package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The baseline of deletion-api's single delete: plain JDBC doing the same database work per deletion, one transaction
 * each: the {@code deletions} row, the {@code UPDATE} of the block, and its {@code BlockSoftDeleted} outbox row (the
 * real outbox, so the relay and the worker carry these deletions as they carry the API's; both runs have the same work
 * behind them). One connection per client, statements prepared once; no HTTP, auth, JSON or Spring.
 */
final class RawJdbcSoftDelete implements ClosedLoopLoad.Client {

    private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
    private static final String INSERT_DELETION = """
            INSERT INTO deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after, due_by)
            VALUES (?, ?, 'BLOCK', ?, 'bench', now(), now(), now() + interval '30 days')
            """;
    private static final String SOFT_DELETE = """
            UPDATE blocks SET deleted_at = now(), deletion_id = ?, deletion_state = 'SOFT_DELETED', purge_after = now(),
                              updated_at = now()
             WHERE id = ? AND owner_id = ? AND deletion_state IS NULL
            """;
    private static final String INSERT_OUTBOX = """
            INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload)
            SELECT e.id, ?, b.id::text, ?, jsonb_build_object('eventId', e.id, 'deletionId', b.deletion_id,
                       'blockId', b.id, 'ownerId', b.owner_id, 'calendarId', b.calendar_id,
                       'googleEventId', b.google_event_id, 'kind', b.kind,
                       'deletedAt', to_char(b.deleted_at AT TIME ZONE 'UTC', %1$s),
                       'purgeAfter', to_char(b.purge_after AT TIME ZONE 'UTC', %1$s))
              FROM blocks b, (SELECT gen_random_uuid() AS id) e
             WHERE b.id = ?
            """.formatted(ISO);

    private final List<Target> targets;
    private final Connection connection;
    private final PreparedStatement deletion;
    private final PreparedStatement update;
    private final PreparedStatement outbox;

    private RawJdbcSoftDelete(List<Target> targets, Connection connection) throws Exception {
        this.targets = targets;
        this.connection = connection;
        connection.setAutoCommit(false);
        deletion = connection.prepareStatement(INSERT_DELETION);
        update = connection.prepareStatement(SOFT_DELETE);
        outbox = connection.prepareStatement(INSERT_OUTBOX);
    }

    static ClosedLoopLoad.ClientFactory over(DataSource dataSource, List<Target> targets) {
        return () -> new RawJdbcSoftDelete(targets, dataSource.getConnection());
    }

    @Override
    public boolean delete(int index) throws Exception {
        Target target = targets.get(index);
        UUID deletionId = UUID.randomUUID();
        deletion.setObject(1, deletionId);
        deletion.setObject(2, target.owner().id());
        deletion.setString(3, target.blockId().toString());
        deletion.executeUpdate();
        update.setObject(1, deletionId);
        update.setObject(2, target.blockId());
        update.setObject(3, target.owner().id());
        int updated = update.executeUpdate();
        outbox.setString(1, Topics.BLOCKS_LIFECYCLE.name());
        outbox.setString(2, EventTypes.typeOf(BlockSoftDeleted.class));
        outbox.setObject(3, target.blockId());
        outbox.executeUpdate();
        connection.commit();
        return updated == 1;
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
