package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One row of {@code blocks} for a test to insert; live, synced to Google and created a day before {@code now}. */
final class BlockRow {

    final UUID id = UUID.randomUUID();
    private final UUID ownerId;
    private String calendarId = "cal-main";
    private String googleEventId = "evt-" + id;
    private String googleEventData;
    private UUID originalId;
    private Instant createdAt;
    private Instant updatedAt;
    private UUID deletionId;
    private Instant purgeAfter;
    private String deletionState;
    private String claimedBy;
    private Instant claimExpiresAt;

    BlockRow(UUID ownerId, Instant now) {
        this.ownerId = ownerId;
        this.createdAt = now.minus(Duration.ofDays(1));
        this.updatedAt = createdAt;
    }

    BlockRow calendar(String calendar) {
        this.calendarId = calendar;
        return this;
    }

    BlockRow googleEvent(String eventId, String eventDataJson) {
        this.googleEventId = eventId;
        this.googleEventData = eventDataJson;
        return this;
    }

    BlockRow childOf(UUID parent) {
        this.originalId = parent;
        return this;
    }

    BlockRow updatedAt(Instant instant) {
        this.updatedAt = instant;
        return this;
    }

    BlockRow inDeletion(UUID deletion, Instant purge, String state) {
        this.deletionId = deletion;
        this.purgeAfter = purge;
        this.deletionState = state;
        return this;
    }

    BlockRow claimedBy(String worker, Instant expiresAt) {
        this.claimedBy = worker;
        this.claimExpiresAt = expiresAt;
        return this;
    }

    UUID insert(JdbcClient jdbc) {
        jdbc.sql("""
                        insert into blocks (id, owner_id, calendar_id, google_event_id, google_event_data, original_id,
                                            created_at, updated_at, deleted_at, deletion_id, purge_after,
                                            deletion_state, claimed_by, claim_expires_at)
                        values (:id, :owner, :calendar, :googleEventId, cast(:data as jsonb), :original,
                                :createdAt, :updatedAt, :deletedAt, :deletion, :purgeAfter,
                                :state, :claimedBy, :claimExpiresAt)
                        """)
                .param("id", id)
                .param("owner", ownerId)
                .param("calendar", calendarId)
                .param("googleEventId", googleEventId)
                .param("data", googleEventData)
                .param("original", originalId)
                .param("createdAt", SqlTime.param(createdAt))
                .param("updatedAt", SqlTime.param(updatedAt))
                .param("deletedAt", deletionId == null ? null : SqlTime.param(updatedAt))
                .param("deletion", deletionId)
                .param("purgeAfter", purgeAfter == null ? null : SqlTime.param(purgeAfter))
                .param("state", deletionState)
                .param("claimedBy", claimedBy)
                .param("claimExpiresAt", claimExpiresAt == null ? null : SqlTime.param(claimExpiresAt))
                .update();
        return id;
    }
}
