package dev.deletionpipeline.api.deletions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /v1/deletions and GET /v1/deletions/{id}: set-based bulk soft delete and its progress. */
class BulkDeletionIT extends ApiTestSupport {

    @Test
    void confirmedBulkDeletionOfTenThousandBlocksWritesExactlyOneOutboxRowPerBlockInOneGo() {
        TestOwner owner = fixtures().owner();
        jdbc.sql("""
                        INSERT INTO blocks (id, owner_id, calendar_id, google_event_id)
                        SELECT gen_random_uuid(), :owner, 'bulk', 'ev' || n FROM generate_series(1, 10000) n
                        """).param("owner", owner.id()).update();
        UUID elsewhere = fixtures().block(owner.id(), "other");
        Answer held = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"bulk\"}");
        assertThat(held.status()).as(held.raw().body()).isEqualTo(428);
        String confirmation = held.json().get("confirmation").asString();

        long started = System.nanoTime();
        Answer accepted = api().post(
                        "/v1/deletions",
                        owner.token(),
                        "{\"calendarId\":\"bulk\"}",
                        "Deletion-Confirmation",
                        confirmation);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.json().get("blocks").asInt()).isEqualTo(10_000);
        // generous, as the build machine is shared; one statement per block would take minutes
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        String deletionId = accepted.json().get("deletionId").asString();
        Map<String, Object> outbox =
                jdbc.sql("""
                        SELECT count(*) AS events, count(DISTINCT aggregateid) AS keys, count(DISTINCT id) AS ids
                          FROM outbox WHERE payload ->> 'deletionId' = :deletion
                        """).param("deletion", deletionId).query().singleRow();
        assertThat(outbox)
                .containsEntry("events", 10_000L)
                .containsEntry("keys", 10_000L)
                .containsEntry("ids", 10_000L);
        assertThat(fixtures().deletionState(elsewhere)).isNull();

        JsonNode progress = api().get("/v1/deletions/" + deletionId + "?size=50", owner.token())
                .json();
        assertThat(progress.get("counts").get("SOFT_DELETED").asLong()).isEqualTo(10_000);
        assertThat(progress.get("items").size()).isEqualTo(50);
        assertThat(progress.get("totalItems").asLong()).isEqualTo(10_000);
    }

    @Test
    void progressCountsEveryStateOfTheDeletionsBlocks() {
        TestOwner owner = fixtures().owner();
        UUID[] blocks = new UUID[5];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = fixtures().block(owner.id(), "progress");
        }
        String deletionId = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"progress\"}")
                .json()
                .get("deletionId")
                .asString();
        setState(blocks[0], "CLAIMED");
        setState(blocks[1], "FAILED");
        hardDeleteWithReceipt(blocks[2], UUID.fromString(deletionId), owner.id());

        JsonNode progress =
                api().get("/v1/deletions/" + deletionId, owner.token()).json();

        assertThat(progress.get("counts").get("SOFT_DELETED").asLong()).isEqualTo(2);
        assertThat(progress.get("counts").get("CLAIMED").asLong()).isEqualTo(1);
        assertThat(progress.get("counts").get("FAILED").asLong()).isEqualTo(1);
        assertThat(progress.get("counts").get("CONFIRMED").asLong()).isEqualTo(1);
        assertThat(progress.get("counts").get("RESTORED").asLong()).isZero();
        assertThat(progress.get("items").size()).isEqualTo(5);
        assertThat(progress.get("blocks").asInt()).isEqualTo(5);
    }

    @Test
    void ownerBulkDeletesEveryLiveBlockOfTheCallerOnly() {
        TestOwner owner = fixtures().owner();
        TestOwner stranger = fixtures().owner();
        UUID mine = fixtures().block(owner.id(), "a");
        UUID alsoMine = fixtures().block(owner.id(), "b");
        UUID theirs = fixtures().block(stranger.id(), "a");

        Answer refused = api().post("/v1/deletions", owner.token(), "{\"ownerId\":\"" + stranger.id() + "\"}");
        Answer accepted = api().post("/v1/deletions", owner.token(), "{\"ownerId\":\"" + owner.id() + "\"}");

        assertThat(refused.status()).isEqualTo(404);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("blocks").asInt()).isEqualTo(2);
        assertThat(fixtures().deletionState(mine)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().deletionState(alsoMine)).isEqualTo("SOFT_DELETED");
        assertThat(fixtures().deletionState(theirs)).isNull();
        assertThat(api().get(
                                "/v1/deletions/"
                                        + accepted.json().get("deletionId").asString(),
                                stranger.token())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void adminMayBulkDeleteAnyOwnerButMustNameTheOwner() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "cal");

        Answer unnamed = api().post("/v1/deletions", Fixtures.adminToken(), "{\"calendarId\":\"cal\"}");
        Answer named = api().post(
                        "/v1/deletions",
                        Fixtures.adminToken(),
                        "{\"calendarId\":\"cal\",\"ownerId\":\"" + owner.id() + "\"}");

        assertThat(unnamed.status()).isEqualTo(400);
        assertThat(unnamed.json().get("errors").get(0).get("field").asString()).isEqualTo("ownerId");
        assertThat(named.status()).isEqualTo(202);
        assertThat(fixtures().deletionState(block)).isEqualTo("SOFT_DELETED");
        assertThat(api().get("/v1/deletions/" + named.json().get("deletionId").asString(), Fixtures.adminToken())
                        .status())
                .isEqualTo(200);
    }

    private void setState(UUID block, String state) {
        jdbc.sql("UPDATE blocks SET deletion_state = :state WHERE id = :id")
                .param("state", state)
                .param("id", block)
                .update();
    }

    private void hardDeleteWithReceipt(UUID block, UUID deletionId, UUID owner) {
        jdbc.sql("""
                        INSERT INTO deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id,
                                                       outcome, dependants_removed, hard_deleted_at)
                        VALUES (:block, :deletion, :owner, gen_random_uuid(), gen_random_uuid(), 'DELETED', 0, now())
                        """)
                .param("block", block)
                .param("deletion", deletionId)
                .param("owner", owner)
                .update();
        jdbc.sql("DELETE FROM blocks WHERE id = :id").param("id", block).update();
    }
}
