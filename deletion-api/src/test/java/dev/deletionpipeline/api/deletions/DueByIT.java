package dev.deletionpipeline.api.deletions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The legal clock: every accepted deletion request carries a {@code dueBy}, decided once — in the 202 answer, in
 * {@code GET /v1/deletions/{id}}, in the {@code deletions} row and on every {@code BlockSoftDeleted} it announces.
 */
class DueByIT extends ApiTestSupport {

    private static final Duration DEFAULT_DUE_PERIOD = Duration.ofDays(30);

    @Test
    void aBlockDeletionIsDueThirtyDaysAfterItWasAcceptedEverywhereItIsShown() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");

        Answer accepted = api().delete("/v1/blocks/" + block, owner.token());

        assertThat(accepted.status()).isEqualTo(202);
        UUID deletionId = UUID.fromString(accepted.json().get("deletionId").asString());
        Instant dueBy = Instant.parse(accepted.json().get("dueBy").asString());
        assertThat(dueBy).isEqualTo(requestedAt(deletionId).plus(DEFAULT_DUE_PERIOD));
        assertThat(shownDueBy(deletionId, owner.token())).isEqualTo(dueBy);
        assertThat(announcedDueBys(deletionId)).containsExactly(dueBy);
        assertThat(Instant.parse(api().delete("/v1/blocks/" + block, owner.token())
                        .json()
                        .get("dueBy")
                        .asString()))
                .as("a repeated request answers the deletion's own dueBy")
                .isEqualTo(dueBy);
    }

    @Test
    void aScopeWithItsOwnPeriodIsDueAfterThatPeriod() {
        TestOwner owner = fixtures().owner();
        fixtures().block(owner.id(), "due-cal");
        fixtures().block(owner.id(), "due-cal");

        Answer accepted = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"due-cal\"}");

        assertThat(accepted.status()).isEqualTo(202);
        UUID deletionId = UUID.fromString(accepted.json().get("deletionId").asString());
        Instant dueBy = Instant.parse(accepted.json().get("dueBy").asString());
        assertThat(dueBy).isEqualTo(requestedAt(deletionId).plus(CALENDAR_DUE_PERIOD));
        assertThat(shownDueBy(deletionId, Fixtures.adminToken())).isEqualTo(dueBy);
        assertThat(announcedDueBys(deletionId)).containsExactly(dueBy, dueBy);
    }

    @Test
    void aWithdrawalIsDueThirtyDaysAfterItsPurgeDateAndItsPurgeAnnouncesThat() {
        TestOwner owner = fixtures().owner();
        fixtures().block(owner.id(), "work");

        Answer withdrawn = api().delete("/v1/owners/me", owner.token());

        assertThat(withdrawn.status()).isEqualTo(202);
        UUID deletionId = UUID.fromString(withdrawn.json().get("deletionId").asString());
        Instant purgeAfter = Instant.parse(withdrawn.json().get("purgeAfter").asString());
        Instant dueBy = Instant.parse(withdrawn.json().get("dueBy").asString());
        assertThat(dueBy).isEqualTo(purgeAfter.plus(DEFAULT_DUE_PERIOD));
        assertThat(shownDueBy(deletionId, Fixtures.adminToken())).isEqualTo(dueBy);

        clock.advance(Duration.between(Instant.now(), purgeAfter).plusMinutes(1));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> announcedDueBys(deletionId).size() == 1);
        assertThat(announcedDueBys(deletionId)).containsExactly(dueBy);
    }

    private Instant requestedAt(UUID deletionId) {
        return jdbc.sql("SELECT requested_at FROM deletions WHERE id = :id")
                .param("id", deletionId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant())
                .single();
    }

    private Instant shownDueBy(UUID deletionId, String token) {
        Answer progress = api().get("/v1/deletions/" + deletionId, token);
        assertThat(progress.status()).isEqualTo(200);
        return Instant.parse(progress.json().get("dueBy").asString());
    }

    private List<Instant> announcedDueBys(UUID deletionId) {
        return jdbc.sql("SELECT payload ->> 'dueBy' FROM outbox WHERE payload ->> 'deletionId' = :id")
                .param("id", deletionId.toString())
                .query((rs, row) -> Instant.parse(rs.getString(1)))
                .list();
    }
}
