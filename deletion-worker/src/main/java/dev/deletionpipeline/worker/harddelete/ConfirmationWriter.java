package dev.deletionpipeline.worker.harddelete;

import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.events.HardDeleteConfirmed;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.topics.Topics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes a confirmation as a {@code deletion_receipts} row and an {@code outbox} row, inside the caller's transaction
 * (the one that removed the rows). deletion-api's Debezium relay routes the outbox row to
 * {@code blocks.hard-delete-confirmed.v1} by {@code aggregatetype}, with {@code id} as {@code ce_id}.
 */
@Repository
class ConfirmationWriter {

    // One statement for both tables and the whole batch, with the confirmations as one JSON array: each element is the
    // outbox payload, and the receipt's columns are read from it (no per-element array encoding and escaping). Google's
    // status, which the event does not carry, comes as a second JSON object keyed by block id.
    private static final String RECEIPTS_AND_OUTBOX = """
            with confirmation as (
                select value as c from jsonb_array_elements(cast(:confirmations as jsonb))
            ), receipts as (
                insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id,
                    outcome, dependants_removed, hard_deleted_at, google_event_id, calendar_id, soft_deleted_at,
                    google_answered_at, google_status)
                select (c ->> 'blockId')::uuid, (c ->> 'deletionId')::uuid, (c ->> 'ownerId')::uuid,
                    (c ->> 'sourceEventId')::uuid, (c ->> 'eventId')::uuid, c ->> 'outcome',
                    (c ->> 'dependantsRemoved')::integer, (c ->> 'hardDeletedAt')::timestamptz,
                    c ->> 'googleEventId', c ->> 'calendarId', (c ->> 'softDeletedAt')::timestamptz,
                    (c ->> 'googleAnsweredAt')::timestamptz, (cast(:googleStatuses as jsonb) ->> (c ->> 'blockId'))::integer
                from confirmation
            )
            insert into outbox (id, aggregatetype, aggregateid, type, payload)
            select (c ->> 'eventId')::uuid, :topic, c ->> 'blockId', :type, c from confirmation
            """;

    private final JdbcClient jdbc;

    ConfirmationWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param googleStatuses Google's status per block id, where Google was called for the block itself */
    void write(List<HardDeleteConfirmed> confirmations, Map<UUID, Integer> googleStatuses) {
        if (confirmations.isEmpty()) {
            return;
        }
        jdbc.sql(RECEIPTS_AND_OUTBOX)
                .param("confirmations", EventJson.mapper().writeValueAsString(confirmations))
                .param("googleStatuses", EventJson.mapper().writeValueAsString(googleStatuses))
                .param("topic", Topics.HARD_DELETE_CONFIRMED.name())
                .param("type", EventTypes.typeOf(HardDeleteConfirmed.class))
                .update();
    }
}
