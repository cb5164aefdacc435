package dev.deletionpipeline.api.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DELETE /v1/blocks/{id}: hidden from ordinary reads, one outbox row per block, idempotent, cascading. */
class BlockSoftDeleteIT extends ApiTestSupport {

    private static final String SOFT_DELETED = EventTypes.typeOf(BlockSoftDeleted.class);

    @Test
    void softDeletedBlockIsHiddenFromOwnerReadsAndListedOnlyWhenDeletedRowsAreAskedFor() {
        TestOwner owner = fixtures().owner();
        UUID block = UUID.fromString(create(owner, "{\"calendarId\":\"work\",\"title\":\"Dentist\"}")
                .json()
                .get("id")
                .asString());

        Answer deleted = api().delete("/v1/blocks/" + block, owner.token());

        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.json().get("state").asString()).isEqualTo("SOFT_DELETED");
        assertThat(deleted.json().get("purgeAfter").isNull()).isFalse();
        assertThat(api().get("/v1/blocks/" + block, owner.token()).status()).isEqualTo(404);
        assertThat(ids(api().get("/v1/blocks?calendarId=work", owner.token()))).doesNotContain(block);
        assertThat(ids(api().get("/v1/blocks?include=deleted", owner.token()))).containsExactly(block);
        assertThat(ids(api().get("/v1/blocks?include=all", owner.token()))).containsExactly(block);
        assertThat(api().get("/v1/blocks/" + block + "?include=deleted", owner.token())
                        .json()
                        .get("deletionState")
                        .asString())
                .isEqualTo("SOFT_DELETED");
        assertThat(fixtures().outboxRows(block, SOFT_DELETED)).isEqualTo(1);
    }

    @Test
    void repeatingTheDeleteAnswersTheSameDeletionAndWritesNoSecondEvent() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");

        Answer first = api().delete("/v1/blocks/" + block, owner.token());
        Answer second = api().delete("/v1/blocks/" + block, owner.token());

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("deletionId").asString())
                .isEqualTo(first.json().get("deletionId").asString());
        assertThat(second.json().get("purgeAfter").asString())
                .isEqualTo(first.json().get("purgeAfter").asString());
        assertThat(fixtures().outboxRows(block, SOFT_DELETED)).isEqualTo(1);
        assertThat(fixtures()
                        .count("SELECT count(*) FROM deletions WHERE owner_id = :owner", Map.of("owner", owner.id())))
                .isEqualTo(1);
    }

    @Test
    void cancellationMarkerStaysListedWithStatusDeletedAndIsStillAnnounced() {
        TestOwner owner = fixtures().owner();
        UUID marker = UUID.fromString(create(owner, "{\"calendarId\":\"work\",\"kind\":\"CANCELLATION_MARKER\"}")
                .json()
                .get("id")
                .asString());

        assertThat(api().delete("/v1/blocks/" + marker, owner.token()).status()).isEqualTo(202);

        JsonNode listed = api().get("/v1/blocks/" + marker, owner.token()).json();
        assertThat(listed.get("itemStatus").asString()).isEqualTo("DELETED");
        assertThat(listed.get("deletedAt").isNull()).isTrue();
        assertThat(listed.get("deletionState").asString()).isEqualTo("SOFT_DELETED");
        assertThat(ids(api().get("/v1/blocks", owner.token()))).containsExactly(marker);
        assertThat(fixtures().outboxRows(marker, SOFT_DELETED)).isEqualTo(1);
    }

    @Test
    void deleteCascadesToDirectChildrenAndToTheInstancesOfARecurringSeries() {
        TestOwner owner = fixtures().owner();
        TestOwner stranger = fixtures().owner();
        UUID series = fixtures().block(owner.id(), "work", "ORDINARY", "series1", null, null);
        List<UUID> dependants = List.of(
                fixtures().block(owner.id(), "work", "ORDINARY", "series1_20260105", "series1", null),
                fixtures().block(owner.id(), "work", "ORDINARY", "series1_20260112", "series1", null),
                fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", "series1_20260119", "series1", null),
                fixtures().block(owner.id(), "work", "ORDINARY", null, null, series),
                fixtures().block(owner.id(), "work", "CANCELLATION_MARKER", null, null, series));
        List<UUID> untouched = List.of(
                fixtures().block(owner.id(), "work"),
                fixtures().block(owner.id(), "home", "ORDINARY", "other_1", "series1", null),
                fixtures().block(stranger.id(), "work", "ORDINARY", "stranger_1", "series1", null));

        Answer deleted = api().delete("/v1/blocks/" + series, owner.token());

        assertThat(deleted.json().get("blocks").asInt()).isEqualTo(6);
        UUID deletionId = UUID.fromString(deleted.json().get("deletionId").asString());
        assertThat(fixtures().deletionId(series)).isEqualTo(deletionId);
        for (UUID dependant : dependants) {
            assertThat(fixtures().deletionId(dependant)).isEqualTo(deletionId);
            assertThat(fixtures().deletionState(dependant)).isEqualTo("SOFT_DELETED");
            assertThat(fixtures().outboxRows(dependant, SOFT_DELETED)).isEqualTo(1);
        }
        for (UUID other : untouched) {
            assertThat(fixtures().deletionState(other)).isNull();
            assertThat(fixtures().outboxRows(other, SOFT_DELETED)).isZero();
        }
        assertThat(fixtures()
                        .count(
                                "SELECT count(*) FROM outbox WHERE payload ->> 'deletionId' = :id",
                                Map.of("id", deletionId.toString())))
                .isEqualTo(6);
    }

    @Test
    void aNewBlockMayReuseTheGoogleEventIdOfADeletedOneButNotOfALiveOne() {
        TestOwner owner = fixtures().owner();
        String body = "{\"calendarId\":\"work\",\"googleEventId\":\"reused1\"}";
        UUID first = UUID.fromString(create(owner, body).json().get("id").asString());

        Answer taken = api().post("/v1/blocks", owner.token(), body);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.isProblem()).isTrue();
        assertThat(taken.json().get("detail").asString()).contains("already used by a live block");

        api().delete("/v1/blocks/" + first, owner.token());
        assertThat(create(owner, body).status()).isEqualTo(201);
    }

    private Answer create(TestOwner owner, String body) {
        Answer created = api().post("/v1/blocks", owner.token(), body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created;
    }

    private static List<UUID> ids(Answer page) {
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        return StreamSupport.stream(page.json().get("items").spliterator(), false)
                .map(item -> UUID.fromString(item.get("id").asString()))
                .toList();
    }
}
