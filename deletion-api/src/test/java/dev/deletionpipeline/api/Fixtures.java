package dev.deletionpipeline.api;

import dev.deletionpipeline.localstack.auth.DevTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Test data written straight to the database: owners with sessions and tokens, blocks of every shape. */
public final class Fixtures {

    public static final DevTokens TOKENS = DevTokens.local();
    private static final Duration VALIDITY = Duration.ofDays(90);

    /** An owner with one live session and its bearer token. */
    public record TestOwner(UUID id, String handle, String token) {}

    private final JdbcClient jdbc;

    public Fixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TestOwner owner() {
        UUID id = UUID.randomUUID();
        String handle = "owner-" + id.toString().substring(0, 8);
        jdbc.sql("INSERT INTO owners (id, handle) VALUES (:id, :handle)")
                .param("id", id)
                .param("handle", handle)
                .update();
        return new TestOwner(id, handle, session(id));
    }

    /**
     * A new session of the owner (what a sign-in does) and the token that carries it; valid for 90 days, so that tests
     * may move the clock past grace periods and restore windows.
     */
    public String session(UUID ownerId) {
        UUID session = UUID.randomUUID();
        jdbc.sql(
                        "INSERT INTO session_tokens (id, owner_id, expires_at) VALUES (:id, :owner, now() + interval '90 days')")
                .param("id", session)
                .param("owner", ownerId)
                .update();
        return TOKENS.ownerToken(ownerId, session, VALIDITY);
    }

    public static String adminToken() {
        return TOKENS.adminToken("ops-admin", VALIDITY);
    }

    public UUID block(UUID owner, String calendar) {
        return block(owner, calendar, "ORDINARY", null, null, null);
    }

    /** A block of any shape; {@code series} is the recurringEventId of an instance. */
    public UUID block(UUID owner, String calendar, String kind, String googleEventId, String series, UUID originalId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO blocks (id, owner_id, calendar_id, kind, title, google_event_id, google_event_data,
                                            original_id)
                        VALUES (:id, :owner, :calendar, :kind, 'test block', CAST(:event AS text),
                                CASE WHEN CAST(:series AS text) IS NULL THEN NULL
                                     ELSE jsonb_build_object('recurringEventId', CAST(:series AS text)) END,
                                :original)
                        """)
                .param("id", id)
                .param("owner", owner)
                .param("calendar", calendar)
                .param("kind", kind)
                .param("event", googleEventId)
                .param("series", series)
                .param("original", originalId)
                .update();
        return id;
    }

    public Map<String, Object> row(UUID block) {
        return jdbc.sql("SELECT * FROM blocks WHERE id = :id")
                .param("id", block)
                .query()
                .singleRow();
    }

    public String deletionState(UUID block) {
        return jdbc.sql("SELECT deletion_state FROM blocks WHERE id = :id")
                .param("id", block)
                .query((rs, row) -> rs.getString(1))
                .list()
                .get(0);
    }

    public UUID deletionId(UUID block) {
        return jdbc.sql("SELECT deletion_id FROM blocks WHERE id = :id")
                .param("id", block)
                .query((rs, row) -> rs.getObject(1, UUID.class))
                .list()
                .get(0);
    }

    public int outboxRows(UUID block, String type) {
        return count(
                "SELECT count(*) FROM outbox WHERE aggregateid = :key AND type = :type",
                Map.of("key", block.toString(), "type", type));
    }

    public int count(String sql, Map<String, ?> params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }
}
