package dev.deletionpipeline.api.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** POST /v1/blocks/{id}/restore: exactly one deletion's blocks, only before the worker claims and within grace. */
class RestoreIT extends ApiTestSupport {

    private static final String RESTORED = EventTypes.typeOf(BlockRestored.class);

    /** What the worker does to start: claim a block only while it is still soft-deleted. */
    private static final String WORKER_CLAIM = """
            UPDATE blocks SET deletion_state = 'CLAIMED', claimed_by = 'worker-1',
                              claim_expires_at = now() + interval '1 minute'
             WHERE id = :id AND deletion_state = 'SOFT_DELETED'
            """;

    @Test
    void restoreBringsBackExactlyTheBlocksOfThatDeletionAndAnnouncesEach() {
        TestOwner owner = fixtures().owner();
        UUID parent = fixtures().block(owner.id(), "work");
        UUID child = fixtures().block(owner.id(), "work", "ORDINARY", null, null, parent);
        UUID marker = fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", null, null, parent);
        UUID deletedApart = fixtures().block(owner.id(), "work");
        api().delete("/v1/blocks/" + deletedApart, owner.token());
        String deletionId = api().delete("/v1/blocks/" + parent, owner.token())
                .json()
                .get("deletionId")
                .asString();

        Answer restored = api().post("/v1/blocks/" + child + "/restore", owner.token());

        assertThat(restored.status()).as(restored.raw().body()).isEqualTo(200);
        assertThat(restored.json().get("deletionId").asString()).isEqualTo(deletionId);
        assertThat(restored.json().get("blocks").asInt()).isEqualTo(3);
        for (UUID block : List.of(parent, child, marker)) {
            assertThat(fixtures().row(block))
                    .containsEntry("deletion_state", null)
                    .containsEntry("deleted_at", null)
                    .containsEntry("item_status", "ACTIVE");
            assertThat(fixtures().outboxRows(block, RESTORED)).isEqualTo(1);
            assertThat(api().get("/v1/blocks/" + block, owner.token()).status()).isEqualTo(200);
        }
        assertThat(fixtures().deletionState(deletedApart)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().outboxRows(deletedApart, RESTORED)).isZero();
        assertThat(api().get("/v1/deletions/" + deletionId, owner.token())
                        .json()
                        .get("counts")
                        .get("RESTORED")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void repeatingARestoreAnswersTheSameResultAndAnnouncesNothingMore() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        api().delete("/v1/blocks/" + block, owner.token());

        Answer first = api().post("/v1/blocks/" + block + "/restore", owner.token());
        Answer second = api().post("/v1/blocks/" + block + "/restore", owner.token());

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("deletionId").asString())
                .isEqualTo(first.json().get("deletionId").asString());
        assertThat(fixtures().outboxRows(block, RESTORED)).isEqualTo(1);
    }

    @Test
    void restoreAfterTheWorkerClaimedABlockOfTheDeletionIsAConflictAndRestoresNothing() {
        TestOwner owner = fixtures().owner();
        UUID parent = fixtures().block(owner.id(), "work");
        UUID child = fixtures().block(owner.id(), "work", "ORDINARY", null, null, parent);
        api().delete("/v1/blocks/" + parent, owner.token());
        assertThat(jdbc.sql(WORKER_CLAIM).param("id", child).update()).isEqualTo(1);

        Answer refused = api().post("/v1/blocks/" + parent + "/restore", owner.token());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asString()).contains("external delete has begun");
        assertThat(fixtures().deletionState(parent)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().deletionState(child)).isEqualTo("CLAIMED");
        assertThat(fixtures().outboxRows(parent, RESTORED)).isZero();
    }

    @Test
    void restoreAfterTheGracePeriodIsAConflict() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        api().delete("/v1/blocks/" + block, owner.token());
        clock.advance(Duration.ofMinutes(61));

        Answer refused = api().post("/v1/blocks/" + block + "/restore", owner.token());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("grace period");
        assertThat(fixtures().deletionState(block)).isEqualTo("SOFT_DELETED");
    }

    @Test
    void restoreIntoAGoogleEventIdThatALiveBlockNowHoldsIsAConflictWithAClearMessage() {
        TestOwner owner = fixtures().owner();
        String body = "{\"calendarId\":\"work\",\"googleEventId\":\"taken42\"}";
        String first =
                api().post("/v1/blocks", owner.token(), body).json().get("id").asString();
        api().delete("/v1/blocks/" + first, owner.token());
        assertThat(api().post("/v1/blocks", owner.token(), body).status()).isEqualTo(201);

        Answer refused = api().post("/v1/blocks/" + first + "/restore", owner.token());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("detail").asString()).contains("taken42").contains("another live block");
        assertThat(fixtures().deletionState(UUID.fromString(first))).isEqualTo("SOFT_DELETED");
    }

    @Test
    void restoreOfALiveBlockIsAConflict() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");

        assertThat(api().post("/v1/blocks/" + block + "/restore", owner.token()).status())
                .isEqualTo(409);
    }

    @Test
    void restoreRacingTheWorkersClaimEitherWinsWholeOrLosesWhole() {
        TestOwner owner = fixtures().owner();
        for (int round = 0; round < 10; round++) {
            UUID block = fixtures().block(owner.id(), "race");
            api().delete("/v1/blocks/" + block, owner.token());

            CompletableFuture<Answer> restore =
                    CompletableFuture.supplyAsync(() -> api().post("/v1/blocks/" + block + "/restore", owner.token()));
            CompletableFuture<Integer> claim = CompletableFuture.supplyAsync(
                    () -> jdbc.sql(WORKER_CLAIM).param("id", block).update());
            int restoreStatus = restore.join().status();
            int claimed = claim.join();

            if (restoreStatus == 200) {
                assertThat(claimed).isZero();
                assertThat(fixtures().deletionState(block)).isNull();
            } else {
                assertThat(restoreStatus).isEqualTo(409);
                assertThat(claimed).isEqualTo(1);
                assertThat(fixtures().deletionState(block)).isEqualTo("CLAIMED");
            }
        }
    }
}
