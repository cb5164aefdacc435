package dev.deletionpipeline.api.deletions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.api.OwnerSnapshot;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The brakes on a REST bulk deletion (threshold {@value ApiTestSupport#CONFIRMATION_THRESHOLD} blocks here): the dry
 * run, the 428 with a preview and a confirmation token, the confirmed re-send, refused tokens; and the withdrawal,
 * which the threshold never holds back.
 */
class DeletionBrakesIT extends ApiTestSupport {

    private static final String CONFIRMATION = "Deletion-Confirmation";

    @Test
    void dryRunCountsBlocksDependantsSeriesInstancesAndSyncStateAndChangesNothing() {
        TestOwner owner = fixtures().owner();
        List<UUID> targeted = mixedCalendar(owner.id(), "dry");
        UUID elsewhere = fixtures().block(owner.id(), "other");
        OwnerSnapshot before = OwnerSnapshot.of(jdbc, owner.id());

        Answer dryRun = api().post("/v1/deletions?dryRun=true", owner.token(), "{\"calendarId\":\"dry\"}");

        assertThat(dryRun.status()).as(dryRun.raw().body()).isEqualTo(200);
        JsonNode preview = dryRun.json().get("preview");
        assertThat(preview.get("blocks").asLong()).isEqualTo(targeted.size()).isEqualTo(7);
        assertThat(preview.get("dependants").asLong()).isEqualTo(1);
        assertThat(preview.get("seriesInstances").asLong()).isEqualTo(3);
        assertThat(preview.get("syncedToGoogle").asLong()).isEqualTo(5);
        assertThat(preview.get("notSyncedToGoogle").asLong()).isEqualTo(2);
        assertThat(dryRun.json().get("confirmationRequired").asBoolean()).isTrue();
        assertThat(dryRun.json().get("scope").asString()).isEqualTo("CALENDAR");
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);
        assertThat(confirmationsOf(owner.id())).isZero();
        assertThat(fixtures().deletionState(elsewhere)).isNull();

        Answer ownerDryRun = api().post("/v1/deletions?dryRun=true", owner.token(), "{}");
        assertThat(ownerDryRun.status()).as("still needs a target").isEqualTo(400);
        Answer everything =
                api().post("/v1/deletions?dryRun=true", owner.token(), "{\"ownerId\":\"" + owner.id() + "\"}");
        assertThat(everything.json().get("preview").get("blocks").asLong()).isEqualTo(8);
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);
    }

    @Test
    void aboveTheThresholdNothingChangesUntilConfirmedAndTheConfirmedResendDeletesExactlyThePreviewedRows() {
        TestOwner owner = fixtures().owner();
        List<UUID> targeted = mixedCalendar(owner.id(), "big");
        UUID elsewhere = fixtures().block(owner.id(), "other");
        OwnerSnapshot before = OwnerSnapshot.of(jdbc, owner.id());

        Answer held = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"big\"}");

        assertThat(held.status()).as(held.raw().body()).isEqualTo(428);
        assertThat(held.isProblem()).isTrue();
        assertThat(held.json().get("preview").get("blocks").asLong()).isEqualTo(targeted.size());
        assertThat(held.json().get("confirmationThreshold").asInt()).isEqualTo(CONFIRMATION_THRESHOLD);
        assertThat(held.json().get("detail").asString()).contains(CONFIRMATION);
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);
        String token = held.json().get("confirmation").asString();

        Answer accepted = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"big\"}", CONFIRMATION, token);

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        assertThat(accepted.json().get("blocks").asInt()).isEqualTo(targeted.size());
        UUID deletionId = UUID.fromString(accepted.json().get("deletionId").asString());
        for (UUID block : targeted) {
            assertThat(fixtures().deletionId(block)).isEqualTo(deletionId);
            assertThat(fixtures().deletionState(block)).isEqualTo("SOFT_DELETED");
            assertThat(fixtures().outboxRows(block, EventTypes.typeOf(BlockSoftDeleted.class)))
                    .isEqualTo(1);
        }
        assertThat(fixtures().deletionState(elsewhere)).isNull();

        Answer again = api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"big\"}", CONFIRMATION, token);
        assertThat(again.status())
                .as("the same confirmation answers the same deletion")
                .isEqualTo(202);
        assertThat(again.json().get("deletionId").asString()).isEqualTo(deletionId.toString());
        assertThat(OwnerSnapshot.of(jdbc, owner.id()).outboxRows()).isEqualTo(targeted.size());
    }

    @Test
    void anUnknownMalformedExpiredOrForeignConfirmationChangesNothing() {
        TestOwner owner = fixtures().owner();
        mixedCalendar(owner.id(), "one");
        mixedCalendar(owner.id(), "two");
        OwnerSnapshot before = OwnerSnapshot.of(jdbc, owner.id());
        String body = "{\"calendarId\":\"one\"}";
        String forOne = api().post("/v1/deletions", owner.token(), body)
                .json()
                .get("confirmation")
                .asString();

        Answer unknown = api().post(
                        "/v1/deletions",
                        owner.token(),
                        body,
                        CONFIRMATION,
                        UUID.randomUUID().toString());
        Answer malformed = api().post("/v1/deletions", owner.token(), body, CONFIRMATION, "yes-please");
        Answer otherTarget =
                api().post("/v1/deletions", owner.token(), "{\"calendarId\":\"two\"}", CONFIRMATION, forOne);
        Answer otherCaller = api().post(
                        "/v1/deletions",
                        Fixtures.adminToken(),
                        "{\"calendarId\":\"one\",\"ownerId\":\"" + owner.id() + "\"}",
                        CONFIRMATION,
                        forOne);
        clock.advance(Duration.ofMinutes(6));
        Answer expired = api().post("/v1/deletions", owner.token(), body, CONFIRMATION, forOne);

        assertThat(unknown.status()).isEqualTo(428);
        assertThat(unknown.json().get("detail").asString()).contains("unknown");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.isProblem()).isTrue();
        assertThat(malformed.json().get("errors").get(0).get("field").asString())
                .isEqualTo(CONFIRMATION);
        assertThat(otherTarget.status()).isEqualTo(428);
        assertThat(otherTarget.json().get("detail").asString()).contains("another target");
        assertThat(otherCaller.status()).isEqualTo(428);
        assertThat(expired.status()).isEqualTo(428);
        assertThat(expired.json().get("detail").asString()).contains("expired");
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);
    }

    @Test
    void aTargetThatGrewBeyondThePreviewIsRefusedUntilConfirmedAgain() {
        TestOwner owner = fixtures().owner();
        for (int i = 0; i < CONFIRMATION_THRESHOLD + 1; i++) {
            fixtures().block(owner.id(), "growing");
        }
        String body = "{\"calendarId\":\"growing\"}";
        String token = api().post("/v1/deletions", owner.token(), body)
                .json()
                .get("confirmation")
                .asString();
        UUID late = fixtures().block(owner.id(), "growing");
        OwnerSnapshot before = OwnerSnapshot.of(jdbc, owner.id());

        Answer refused = api().post("/v1/deletions", owner.token(), body, CONFIRMATION, token);

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(428);
        assertThat(refused.json().get("detail").asString()).contains("grew");
        assertThat(refused.json().get("preview").get("blocks").asLong()).isEqualTo(CONFIRMATION_THRESHOLD + 2);
        assertThat(OwnerSnapshot.of(jdbc, owner.id())).isEqualTo(before);

        Answer accepted = api().post(
                        "/v1/deletions",
                        owner.token(),
                        body,
                        CONFIRMATION,
                        refused.json().get("confirmation").asString());
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().get("blocks").asInt()).isEqualTo(CONFIRMATION_THRESHOLD + 2);
        assertThat(fixtures().deletionState(late)).isEqualTo("SOFT_DELETED");
    }

    @Test
    void aWithdrawalAboveTheThresholdAndItsPurgeAreNotHeldBack() {
        TestOwner owner = fixtures().owner();
        List<UUID> blocks = mixedCalendar(owner.id(), "mine");

        Answer withdrawn = api().delete("/v1/owners/me", owner.token());

        assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(202);
        assertThat(withdrawn.json().get("blocks").asInt())
                .isEqualTo(blocks.size())
                .isGreaterThan(CONFIRMATION_THRESHOLD);
        blocks.forEach(block -> assertThat(fixtures().deletionState(block)).isEqualTo("SOFT_DELETED"));
        clock.advance(Duration.ofDays(31));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> OwnerSnapshot.of(jdbc, owner.id()).outboxRows() == blocks.size());
    }

    @Test
    void theOpenApiDocumentDescribesTheDryRunTheConfirmationHeaderAndThe428() {
        JsonNode post = api().get("/v3/api-docs", null)
                .json()
                .get("paths")
                .get("/v1/deletions")
                .get("post");

        List<String> parameters = new ArrayList<>();
        post.get("parameters").forEach(p -> parameters.add(p.get("name").asString()));
        assertThat(parameters).contains("dryRun", CONFIRMATION);
        assertThat(post.get("responses").has("428")).isTrue();
        assertThat(post.get("responses").has("200")).isTrue();
    }

    /**
     * Seven live blocks in one calendar: a synced block with an unsynced child, a synced series with three synced
     * instances, and an unsynced block.
     */
    private List<UUID> mixedCalendar(UUID owner, String calendar) {
        List<UUID> blocks = new ArrayList<>();
        String prefix = calendar + UUID.randomUUID().toString().substring(0, 8);
        UUID parent = fixtures().block(owner, calendar, "ORDINARY", prefix + "p", null, null);
        blocks.add(parent);
        blocks.add(fixtures().block(owner, calendar, "ORDINARY", null, null, parent));
        String series = prefix + "s";
        blocks.add(fixtures().block(owner, calendar, "ORDINARY", series, null, null));
        for (int i = 1; i <= 3; i++) {
            blocks.add(fixtures().block(owner, calendar, "ORDINARY", series + "_" + i, series, null));
        }
        blocks.add(fixtures().block(owner, calendar));
        return blocks;
    }

    private int confirmationsOf(UUID owner) {
        return fixtures()
                .count("SELECT count(*) FROM deletion_confirmations WHERE owner_id = :owner", Map.of("owner", owner));
    }
}
