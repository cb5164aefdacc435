package dev.deletionpipeline.api.owners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** DELETE /v1/owners/me, its restore within the window, and the purge after it. */
class WithdrawalIT extends ApiTestSupport {

    @Test
    void withdrawalStopsEveryTokenOfTheOwnerAtOnceAndKeepsTheGoogleCredentials() {
        TestOwner owner = fixtures().owner();
        String otherSession = fixtures().session(owner.id());
        addCredentials(owner.id());
        UUID block = fixtures().block(owner.id(), "work");
        assertThat(api().get("/v1/blocks", otherSession).status()).isEqualTo(200);

        Answer withdrawn = api().delete("/v1/owners/me", owner.token());

        assertThat(withdrawn.status()).isEqualTo(202);
        assertThat(withdrawn.json().get("state").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().get("blocks").asInt()).isEqualTo(1);
        assertThat(Instant.parse(withdrawn.json().get("purgeAfter").asString()))
                .isAfter(Instant.now().plus(Duration.ofDays(29)));
        for (String token : List.of(owner.token(), otherSession)) {
            Answer refused = api().get("/v1/blocks", token);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.isProblem()).isTrue();
        }
        assertThat(count("SELECT count(*) FROM session_tokens WHERE owner_id = :owner", owner.id()))
                .isZero();
        assertThat(count("SELECT count(*) FROM google_credentials WHERE owner_id = :owner", owner.id()))
                .isEqualTo(1);
        assertThat(fixtures().deletionState(block)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().outboxRows(block, EventTypes.typeOf(BlockSoftDeleted.class)))
                .as("announced only when the window has passed")
                .isZero();
    }

    @Test
    void aWithdrawnOwnerWhoSignsInAgainMayOnlyRestoreAndGetsBackExactlyWhatTheWithdrawalRemoved() {
        TestOwner owner = fixtures().owner();
        UUID kept = fixtures().block(owner.id(), "work");
        UUID marker = fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", null, null, null);
        UUID deletedBefore = fixtures().block(owner.id(), "work");
        api().delete("/v1/blocks/" + deletedBefore, owner.token());
        api().delete("/v1/owners/me", owner.token());
        String newSession = fixtures().session(owner.id());

        Answer blocked = api().get("/v1/blocks", newSession);
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.json().get("detail").asString()).contains("withdrawn");
        assertThat(api().get("/v1/owners/me", newSession)
                        .json()
                        .get("withdrawnAt")
                        .isNull())
                .isFalse();

        Answer restored = api().post("/v1/owners/me/restore", newSession);

        assertThat(restored.status()).as(restored.raw().body()).isEqualTo(200);
        assertThat(restored.json().get("withdrawnAt").isNull()).isTrue();
        assertThat(fixtures().deletionState(kept)).isNull();
        assertThat(fixtures().row(marker)).containsEntry("item_status", "ACTIVE");
        assertThat(fixtures().deletionState(deletedBefore)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().outboxRows(kept, EventTypes.typeOf(BlockRestored.class)))
                .isZero();
        assertThat(api().get("/v1/blocks", newSession).status()).isEqualTo(200);
    }

    @Test
    void anAdminMayRestoreAWithdrawnAccount() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        api().delete("/v1/owners/me", owner.token());

        Answer restored = api().post("/v1/admin/owners/" + owner.id() + "/restore", Fixtures.adminToken());

        assertThat(restored.status()).isEqualTo(200);
        assertThat(fixtures().deletionState(block)).isNull();
    }

    @Test
    void restoringAnAccountWhoseHandleWasTakenMeanwhileIsAConflict() {
        TestOwner owner = fixtures().owner();
        api().delete("/v1/owners/me", owner.token());
        Answer taken = api().post("/v1/admin/owners", Fixtures.adminToken(), "{\"handle\":\"" + owner.handle() + "\"}");
        assertThat(taken.status())
                .as("a withdrawn owner's handle is free again")
                .isEqualTo(201);

        Answer refused = api().post("/v1/admin/owners/" + owner.id() + "/restore", Fixtures.adminToken());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asString()).contains(owner.handle());
    }

    @Test
    void afterTheWindowThePurgeSendsTheBlocksThroughThePipelineAndRemovesTheOwnerOnceTheyAreGone() {
        TestOwner owner = fixtures().owner();
        addCredentials(owner.id());
        List<UUID> blocks = List.of(
                fixtures().block(owner.id(), "work"),
                fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", null, null, null),
                fixtures().block(owner.id(), "home"));
        UUID deletionId = UUID.fromString(api().delete("/v1/owners/me", owner.token())
                .json()
                .get("deletionId")
                .asString());

        clock.advance(Duration.ofDays(29));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> events(deletionId) == 0);
        clock.advance(Duration.ofDays(2));

        await().atMost(Duration.ofSeconds(10)).until(() -> events(deletionId) == blocks.size());
        assertThat(count("SELECT count(*) FROM owners WHERE id = :owner AND purge_started_at IS NOT NULL", owner.id()))
                .isEqualTo(1);
        assertThat(api().post("/v1/admin/owners/" + owner.id() + "/restore", Fixtures.adminToken())
                        .status())
                .isEqualTo(409);
        jdbc.sql("DELETE FROM blocks WHERE owner_id = :owner")
                .param("owner", owner.id())
                .update();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> count("SELECT count(*) FROM owners WHERE id = :owner", owner.id()) == 0);
        assertThat(count("SELECT count(*) FROM google_credentials WHERE owner_id = :owner", owner.id()))
                .isZero();
    }

    private int events(UUID deletionId) {
        return fixtures()
                .count(
                        "SELECT count(*) FROM outbox WHERE payload ->> 'deletionId' = :deletion",
                        Map.of("deletion", deletionId.toString()));
    }

    private void addCredentials(UUID owner) {
        jdbc.sql("INSERT INTO google_credentials (owner_id, kind) VALUES (:owner, 'OAUTH_REFRESH_TOKEN')")
                .param("owner", owner)
                .update();
    }

    private int count(String sql, UUID owner) {
        return fixtures().count(sql, Map.of("owner", owner));
    }
}
