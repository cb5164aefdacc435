package dev.deletionpipeline.api.security;

import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks up the session behind an owner token: reads {@code session_tokens} joined with {@code owners} on every request
 * and caches nothing, so that a deleted session row (account withdrawal) refuses the very next request.
 */
@Component
class OwnerSessions {

    /** Where an owner token's session stands. */
    enum Status {
        NONE,
        LIVE,
        WITHDRAWN
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    OwnerSessions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Status statusOf(UUID ownerId, UUID sessionId) {
        Optional<Boolean> withdrawn = jdbc.sql("""
                        SELECT o.deleted_at IS NOT NULL
                          FROM session_tokens s JOIN owners o ON o.id = s.owner_id
                         WHERE s.id = :session AND s.owner_id = :owner AND s.expires_at > :now
                        """)
                .param("session", sessionId)
                .param("owner", ownerId)
                .param("now", SqlTime.param(clock.instant()))
                .query(Boolean.class)
                .optional();
        return withdrawn.map(w -> w ? Status.WITHDRAWN : Status.LIVE).orElse(Status.NONE);
    }
}
