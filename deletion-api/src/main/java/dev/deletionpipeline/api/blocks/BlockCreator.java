package dev.deletionpipeline.api.blocks;

import dev.deletionpipeline.api.problems.InvalidInputException;
import dev.deletionpipeline.common.events.BlockKind;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates blocks (for clients and demos). A Google event id already held by a live block of the calendar is refused
 * by the partial unique index and answered with 409; one held only by deleted blocks is free to reuse. Writes
 * {@code blocks}.
 */
@Service
class BlockCreator {

    private final JdbcClient jdbc;
    private final BlockReader reader;
    private final Clock clock;

    BlockCreator(JdbcClient jdbc, BlockReader reader, Clock clock) {
        this.jdbc = jdbc;
        this.reader = reader;
        this.clock = clock;
    }

    @Transactional
    public BlockView create(UUID owner, CreateBlockRequest request) {
        validate(owner, request);
        UUID id = UUID.randomUUID();
        Instant now = SqlTime.now(clock);
        jdbc.sql("""
                        INSERT INTO blocks (id, owner_id, calendar_id, kind, title, starts_at, ends_at,
                                            google_event_id, google_event_data, original_id, created_at, updated_at)
                        VALUES (:id, :owner, :calendar, :kind, :title, :startsAt, :endsAt, CAST(:eventId AS text),
                                CASE WHEN CAST(:eventId AS text) IS NULL AND CAST(:series AS text) IS NULL THEN NULL
                                     ELSE jsonb_strip_nulls(jsonb_build_object(
                                            'id', CAST(:eventId AS text),
                                            'recurringEventId', CAST(:series AS text))) END,
                                :originalId, :now, :now)
                        """)
                .param("id", id)
                .param("owner", owner)
                .param("calendar", request.calendarId())
                .param(
                        "kind",
                        Optional.ofNullable(request.kind())
                                .orElse(BlockKind.ORDINARY)
                                .name())
                .param("title", request.title())
                .param("startsAt", SqlTime.param(request.startsAt()))
                .param("endsAt", SqlTime.param(request.endsAt()))
                .param("eventId", request.googleEventId())
                .param("series", request.recurringEventId())
                .param("originalId", request.originalId())
                .param("now", SqlTime.param(now))
                .update();
        return reader.find(Optional.of(owner), id, Include.ALL).orElseThrow();
    }

    private void validate(UUID owner, CreateBlockRequest request) {
        if (request.startsAt() != null
                && request.endsAt() != null
                && request.endsAt().isBefore(request.startsAt())) {
            throw new InvalidInputException("endsAt", "must not be before startsAt");
        }
        if (request.originalId() != null
                && reader.find(Optional.of(owner), request.originalId(), Include.LIVE)
                        .isEmpty()) {
            throw new InvalidInputException("originalId", "no live block of this owner has this id");
        }
    }
}
