package dev.deletionpipeline.api.approvals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.common.sql.SqlTime;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/admin/audit} is the one audit trail of operator actions, also of those other services write to
 * {@code admin_audit}: a filtered redrive of the worker's dead letters shows its filter and count.
 */
class AuditTrailIT extends ApiTestSupport {

    @Test
    void aBulkActionOfAnotherServiceShowsItsFilterAndCount() {
        UUID redrive = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        // as deletion-worker's DeadLetterController writes a filtered redrive
        jdbc.sql("""
                        INSERT INTO admin_audit (id, action, subject_id, actor, at, reason, filter, item_count)
                        VALUES (:id, 'DEAD_LETTERS_REDRIVEN', :id, 'ops', :at, 'Google is back',
                                cast(:filter as jsonb), 12)
                        """)
                .param("id", redrive)
                .param("at", SqlTime.param(Instant.now()))
                .param("filter", "{\"reason\":\"GOOGLE_400_BAD_REQUEST\",\"ownerId\":\"" + owner + "\"}")
                .update();

        JsonNode trail =
                api().get("/v1/admin/audit?size=500", Fixtures.adminToken()).json();

        JsonNode entry = StreamSupport.stream(trail.spliterator(), false)
                .filter(e -> e.get("id").asString().equals(redrive.toString()))
                .findFirst()
                .orElseThrow();
        assertThat(entry.get("actor").asString()).isEqualTo("ops");
        assertThat(entry.get("reason").asString()).isEqualTo("Google is back");
        assertThat(entry.get("count").asInt()).isEqualTo(12);
        assertThat(entry.get("filter").get("ownerId").asString()).isEqualTo(owner.toString());
        assertThat(entry.get("filter").get("reason").asString()).isEqualTo("GOOGLE_400_BAD_REQUEST");
    }
}
