package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.worker.SqlArrays;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Writes a confirmation as a {@code deletion_receipts} row and an {@code outbox} row, inside the caller's transaction
 * (the one that removed the rows). deletion-api's Debezium relay routes the outbox row to
 * {@code blocks.hard-delete-confirmed.v1} by {@code aggregatetype}, with {@code id} as {@code ce_id}.
 */
@Repository
class ConfirmationWriter {

    // one statement per table for the whole batch: arrays in, rows out
    private static final String RECEIPTS = """
            insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id, outcome,
                dependants_removed, hard_deleted_at)
            select * from unnest(?, ?, ?, ?, ?, ?, ?::integer[], ?::timestamptz[])
            """;
    private static final String OUTBOX = """
            insert into outbox (id, aggregatetype, aggregateid, type, payload)
            select id, ?, block_id::text, ?, payload::jsonb from unnest(?, ?, ?) as c(id, block_id, payload)
            """;

    private final JdbcTemplate jdbc;

    ConfirmationWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void write(List<HardDeleteConfirmed> confirmations) {
        if (confirmations.isEmpty()) {
            return;
        }
        String type = EventTypes.typeOf(HardDeleteConfirmed.class);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(RECEIPTS);
            statement.setArray(1, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::blockId)));
            statement.setArray(2, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::deletionId)));
            statement.setArray(3, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::ownerId)));
            statement.setArray(4, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::sourceEventId)));
            statement.setArray(5, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::eventId)));
            statement.setArray(
                    6,
                    SqlArrays.texts(
                            connection, map(confirmations, c -> c.outcome().name())));
            statement.setArray(7, SqlArrays.texts(connection, map(confirmations, c -> "" + c.dependantsRemoved())));
            statement.setArray(
                    8,
                    SqlArrays.texts(
                            connection,
                            map(confirmations, c -> c.hardDeletedAt().toString())));
            return statement;
        });
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(OUTBOX);
            statement.setString(1, Topics.HARD_DELETE_CONFIRMED.name());
            statement.setString(2, type);
            statement.setArray(3, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::eventId)));
            statement.setArray(4, SqlArrays.uuids(connection, map(confirmations, HardDeleteConfirmed::blockId)));
            statement.setArray(
                    5,
                    SqlArrays.texts(
                            connection,
                            map(confirmations, c -> EventJson.mapper().writeValueAsString(c))));
            return statement;
        });
    }

    private static <T> List<T> map(List<HardDeleteConfirmed> confirmations, Function<HardDeleteConfirmed, T> field) {
        return confirmations.stream().map(field).toList();
    }
}
