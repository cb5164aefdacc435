package dev.deletionpipeline.api.holds;

import dev.deletionpipeline.common.holds.HoldScope;
import dev.deletionpipeline.common.sql.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes {@code legal_holds}. Whether a hold is active and how many blocks it keeps are computed against the
 * caller's "now" (the injected clock), never the database's.
 */
@Repository
class LegalHolds {

    /** A hold row with its activity and the pending blocks it covers (while active). */
    private static final String SELECT = """
            SELECT h.*, (h.released_at IS NULL AND (h.ends_at IS NULL OR h.ends_at > :now)) AS active,
                   CASE WHEN h.released_at IS NULL AND (h.ends_at IS NULL OR h.ends_at > :now) THEN
                       (SELECT count(*) FROM blocks b
                         WHERE b.owner_id = h.owner_id AND b.deletion_state IS NOT NULL
                           AND h.id = ANY(active_holds_on(b.owner_id, b.calendar_id, b.id, :now)))
                   ELSE 0 END AS held_blocks
              FROM legal_holds h
            """;

    private final JdbcClient jdbc;

    LegalHolds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, HoldScope scope, PlaceHoldRequest request, String calendarId, String placedBy, Instant at) {
        jdbc.sql("""
                        INSERT INTO legal_holds (id, scope, owner_id, calendar_id, block_id, reason, placed_by, placed_at,
                                                 ends_at)
                        VALUES (:id, :scope, :owner, :calendar, :block, :reason, :placedBy, :at, :endsAt)
                        """)
                .param("id", id)
                .param("scope", scope.name())
                .param("owner", request.ownerId())
                .param("calendar", calendarId)
                .param("block", request.blockId())
                .param("reason", request.reason())
                .param("placedBy", placedBy)
                .param("at", SqlTime.param(at))
                .param("endsAt", SqlTime.param(request.endsAt()))
                .update();
    }

    Optional<Hold> find(UUID id, Instant now) {
        return jdbc.sql(SELECT + " WHERE h.id = :id")
                .param("id", id)
                .param("now", SqlTime.param(now))
                .query(LegalHolds::map)
                .optional();
    }

    /** Locks the hold's row for a release, so that two releases of one hold serialise. */
    Optional<Hold> lock(UUID id, Instant now) {
        return jdbc.sql(SELECT + " WHERE h.id = :id FOR UPDATE OF h")
                .param("id", id)
                .param("now", SqlTime.param(now))
                .query(LegalHolds::map)
                .optional();
    }

    /** Newest first; both filters optional. */
    List<Hold> list(Optional<Boolean> active, Optional<UUID> owner, Instant now, int page, int size) {
        Map<String, Object> params = new HashMap<>();
        params.put("now", SqlTime.param(now));
        params.put("active", active.orElse(null));
        params.put("owner", owner.orElse(null));
        params.put("size", size);
        params.put("offset", (long) page * size);
        return jdbc.sql("SELECT * FROM (" + SELECT + """
                        ) s
                         WHERE (CAST(:active AS boolean) IS NULL OR s.active = CAST(:active AS boolean))
                           AND (CAST(:owner AS uuid) IS NULL OR s.owner_id = CAST(:owner AS uuid))
                         ORDER BY s.placed_at DESC, s.id LIMIT :size OFFSET :offset
                        """)
                .params(params)
                .query(LegalHolds::map)
                .list();
    }

    /**
     * @param by nullable: null for a hold that ended by itself
     * @param reason nullable
     */
    void release(UUID id, Instant at, String by, String reason) {
        jdbc.sql("""
                        UPDATE legal_holds SET released_at = :at, released_by = :by, release_reason = :reason
                         WHERE id = :id AND released_at IS NULL
                        """)
                .param("id", id)
                .param("at", SqlTime.param(at))
                .param("by", by)
                .param("reason", reason)
                .update();
    }

    /** Holds past their end that nobody released yet, oldest end first, locked and skipped by other instances. */
    List<Hold> lockEnded(Instant now, int limit) {
        return jdbc.sql(SELECT + """
                         WHERE h.released_at IS NULL AND h.ends_at <= :now
                         ORDER BY h.ends_at LIMIT :limit FOR UPDATE OF h SKIP LOCKED
                        """)
                .param("now", SqlTime.param(now))
                .param("limit", limit)
                .query(LegalHolds::map)
                .list();
    }

    /** The calendar of one of the owner's blocks (deleted ones too), or empty when the owner has no such block. */
    Optional<String> calendarOfBlock(UUID owner, UUID block) {
        return jdbc.sql("SELECT calendar_id FROM blocks WHERE id = :block AND owner_id = :owner")
                .param("block", block)
                .param("owner", owner)
                .query(String.class)
                .optional();
    }

    boolean ownerExists(UUID owner) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM owners WHERE id = :owner)")
                .param("owner", owner)
                .query(Boolean.class)
                .single();
    }

    boolean calendarExists(UUID owner, String calendar) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM blocks WHERE owner_id = :owner AND calendar_id = :calendar)")
                .param("owner", owner)
                .param("calendar", calendar)
                .query(Boolean.class)
                .single();
    }

    private static Hold map(ResultSet rs, int row) throws SQLException {
        return new Hold(
                rs.getObject("id", UUID.class),
                HoldScope.valueOf(rs.getString("scope")),
                rs.getObject("owner_id", UUID.class),
                rs.getString("calendar_id"),
                rs.getObject("block_id", UUID.class),
                rs.getString("reason"),
                rs.getString("placed_by"),
                SqlTime.instant(rs, "placed_at"),
                SqlTime.instant(rs, "ends_at"),
                SqlTime.instant(rs, "released_at"),
                rs.getString("released_by"),
                rs.getString("release_reason"),
                rs.getBoolean("active"),
                rs.getLong("held_blocks"));
    }
}
