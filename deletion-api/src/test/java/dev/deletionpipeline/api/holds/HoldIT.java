package dev.deletionpipeline.api.holds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient;
import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.events.BlockHeld;
import dev.deletionpipeline.common.events.BlockHoldReleased;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.common.events.EventTypes;
import dev.deletionpipeline.common.holds.HoldAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Legal holds through {@code /v1/admin/holds}: admins only, bad input answered with a problem naming the field and
 * nothing stored, a held block's deletion shown as HELD and announced to the pipeline (BlockHeld / BlockHoldReleased in
 * the outbox), placement and release audited once each, and a hold past its end counting as released.
 */
class HoldIT extends ApiTestSupport {

    private static final String HOLDS = "/v1/admin/holds";

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void onlyAdminsMayPlaceOrSeeHolds() {
        TestOwner owner = fixtures().owner();

        assertThat(api().post(HOLDS, owner.token(), body(owner.id(), null, null, "mine"))
                        .status())
                .isEqualTo(403);
        assertThat(api().get(HOLDS, owner.token()).status()).isEqualTo(403);
        assertThat(holdsOf(owner.id())).isZero();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        TestOwner owner = fixtures().owner();
        TestOwner other = fixtures().owner();
        UUID othersBlock = fixtures().block(other.id(), "theirs");

        assertField(api().post(HOLDS, Fixtures.adminToken(), "{\"reason\":\"case 1\"}"), 400, "ownerId");
        assertField(api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), null, null, " ")), 400, "reason");
        assertField(
                api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), null, null, "x".repeat(501))), 400, "reason");
        assertField(
                api().post(
                                HOLDS,
                                Fixtures.adminToken(),
                                "{\"ownerId\":\"" + owner.id()
                                        + "\",\"reason\":\"case 1\",\"endsAt\":\"2020-01-01T00:00:00Z\"}"),
                400,
                "endsAt");
        Answer foreignBlock = api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), null, othersBlock, "case 1"));
        assertThat(foreignBlock.status()).isEqualTo(404);
        assertThat(foreignBlock.isProblem()).isTrue();
        assertThat(foreignBlock.json().get("detail").asString()).startsWith("blockId");
        Answer noCalendar = api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), "nowhere", null, "case 1"));
        assertThat(noCalendar.status()).isEqualTo(404);
        assertThat(noCalendar.json().get("detail").asString()).startsWith("calendarId");
        assertThat(holdsOf(owner.id())).isZero();
    }

    @Test
    void aHeldDeletionIsShownHeldAndResumesOnReleaseWithOneAuditEntryEach() {
        TestOwner owner = fixtures().owner();
        UUID kept = fixtures().block(owner.id(), "evidence");
        UUID free = fixtures().block(owner.id(), "other");
        UUID deletion = deleteBlock(owner, kept);
        deleteBlock(owner, free);

        Answer placed = api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), "evidence", null, "case 4711"));

        assertThat(placed.status()).isEqualTo(201);
        JsonNode hold = placed.json();
        UUID id = UUID.fromString(hold.get("id").asString());
        assertThat(placed.header("Location")).contains(HOLDS + "/" + id);
        assertThat(hold.get("scope").asString()).isEqualTo("CALENDAR");
        assertThat(hold.get("active").asBoolean()).isTrue();
        assertThat(hold.get("heldBlocks").asLong()).isEqualTo(1);
        assertThat(hold.get("placedBy").asString()).isEqualTo("ops-admin");
        assertThat(fixtures().outboxRows(kept, EventTypes.typeOf(BlockHeld.class)))
                .isEqualTo(1);
        assertThat(fixtures().outboxRows(free, EventTypes.typeOf(BlockHeld.class)))
                .isZero();
        assertThat(progress(owner, deletion).get("counts").get("HELD").asLong()).isEqualTo(1);
        assertThat(api().get(HOLDS + "?active=true&ownerId=" + owner.id(), Fixtures.adminToken())
                        .json())
                .extracting(n -> n.get("id").asString())
                .containsExactly(id.toString());

        Answer released = api().delete(HOLDS + "/" + id + "?reason=case%20closed", Fixtures.adminToken());
        Answer again = api().delete(HOLDS + "/" + id + "?reason=once%20more", Fixtures.adminToken());

        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("active").asBoolean()).isFalse();
        assertThat(released.json().get("releaseReason").asString()).isEqualTo("case closed");
        assertThat(released.json().get("heldBlocks").asLong()).isZero();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(released.json());
        assertThat(fixtures().outboxRows(kept, EventTypes.typeOf(BlockHoldReleased.class)))
                .isEqualTo(1);
        assertThat(progress(owner, deletion).get("counts").get("HELD").asLong()).isZero();
        assertThat(auditActions(id)).containsExactly(HoldAction.HOLD_PLACED.name(), HoldAction.HOLD_RELEASED.name());
        JsonNode trail = api().get("/v1/admin/audit", Fixtures.adminToken()).json();
        assertThat(trail.valueStream().filter(e -> e.get("subjectId").asString().equals(id.toString())))
                .extracting(e -> e.get("reason").asString())
                .containsExactlyInAnyOrder("case 4711", "case closed");
    }

    @Test
    void aBlockDeletedWhileItsOwnerIsHeldIsAnnouncedHeldRightAfterItsSoftDelete() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "later");
        api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), null, null, "litigation"))
                .raw();

        deleteBlock(owner, block);

        List<String> types = jdbc.sql("SELECT type FROM outbox WHERE aggregateid = :key ORDER BY created_at, ctid")
                .param("key", block.toString())
                .query(String.class)
                .list();
        assertThat(types)
                .containsExactly(EventTypes.typeOf(BlockSoftDeleted.class), EventTypes.typeOf(BlockHeld.class));
    }

    @Test
    void aDeletionOfHeldAndFreeBlocksAnnouncesEverySoftDeleteFirstThenTheHeldBlocksOnly() {
        TestOwner owner = fixtures().owner();
        UUID evidence = fixtures().block(owner.id(), "evidence");
        UUID moreEvidence = fixtures().block(owner.id(), "evidence");
        UUID free = fixtures().block(owner.id(), "other");
        UUID heldAlone = fixtures().block(owner.id(), "other");
        UUID alsoFree = fixtures().block(owner.id(), "other");
        api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), "evidence", null, "case 1"))
                .raw();
        api().post(HOLDS, Fixtures.adminToken(), body(owner.id(), null, heldAlone, "case 2"))
                .raw();

        Answer accepted = api().post("/v1/deletions", owner.token(), "{\"ownerId\":\"" + owner.id() + "\"}");

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT type, aggregateid FROM outbox WHERE payload ->> 'deletionId' = :deletion
                         ORDER BY created_at, ctid
                        """)
                .param("deletion", accepted.json().get("deletionId").asString())
                .query()
                .listOfRows();
        String softDeleted = EventTypes.typeOf(BlockSoftDeleted.class);
        String held = EventTypes.typeOf(BlockHeld.class);
        assertThat(rows)
                .extracting(row -> row.get("type"))
                .containsExactly(softDeleted, softDeleted, softDeleted, softDeleted, softDeleted, held, held, held);
        assertThat(rows.subList(0, 5))
                .extracting(row -> row.get("aggregateid"))
                .containsExactlyInAnyOrder(
                        evidence.toString(),
                        moreEvidence.toString(),
                        free.toString(),
                        heldAlone.toString(),
                        alsoFree.toString());
        assertThat(rows.subList(5, 8))
                .extracting(row -> row.get("aggregateid"))
                .containsExactlyInAnyOrder(evidence.toString(), moreEvidence.toString(), heldAlone.toString());
    }

    @Test
    void aHoldPastItsEndCountsAsReleased() {
        TestOwner owner = fixtures().owner();
        String endsAt = clock.instant().plus(Duration.ofHours(1)).toString();
        JsonNode hold = api().post(
                        HOLDS,
                        Fixtures.adminToken(),
                        "{\"ownerId\":\"" + owner.id() + "\",\"reason\":\"until the audit\",\"endsAt\":\"" + endsAt
                                + "\"}")
                .json();
        String one = HOLDS + "/" + hold.get("id").asString();

        clock.advance(Duration.ofHours(2));

        assertThat(api().get(one, Fixtures.adminToken()).json().get("active").asBoolean())
                .isFalse();
        assertThat(api().get(HOLDS + "?active=true&ownerId=" + owner.id(), Fixtures.adminToken())
                        .json())
                .isEmpty();
    }

    private UUID deleteBlock(TestOwner owner, UUID block) {
        Answer answer = api().delete("/v1/blocks/" + block, owner.token());
        assertThat(answer.status()).isEqualTo(202);
        return UUID.fromString(answer.json().get("deletionId").asString());
    }

    private JsonNode progress(TestOwner owner, UUID deletion) {
        return api().get("/v1/deletions/" + deletion, owner.token()).json();
    }

    private List<String> auditActions(UUID hold) {
        return jdbc.sql("SELECT action FROM admin_audit WHERE subject_id = :id ORDER BY at, action DESC")
                .param("id", hold)
                .query(String.class)
                .list();
    }

    private int holdsOf(UUID owner) {
        return fixtures().count("SELECT count(*) FROM legal_holds WHERE owner_id = :owner", Map.of("owner", owner));
    }

    private static void assertField(Answer answer, int status, String field) {
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static String body(UUID owner, String calendar, UUID block, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerId", owner);
        if (calendar != null) {
            body.put("calendarId", calendar);
        }
        if (block != null) {
            body.put("blockId", block);
        }
        body.put("reason", reason);
        return ApiClient.json(body);
    }
}
