package dev.deletionpipeline.api.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.events.ReceiptOutcome;
import dev.deletionpipeline.common.events.ReceiptTotals;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.receipts.ReceiptDigests;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The receipt call and the chain verification, against receipts stored as deletion-worker seals them: the owner gets
 * their own, a stranger a 404, an admin any; 404 while not finished; an altered receipt is named by the verification.
 */
class ReceiptIT extends ApiTestSupport {

    @Test
    void anUnfinishedDeletionHasNoReceiptYet() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        String deletionId = api().delete("/v1/blocks/" + block, owner.token())
                .json()
                .get("deletionId")
                .asString();

        Answer answer = api().get("/v1/deletions/" + deletionId + "/receipt", owner.token());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.json().get("detail").asString()).contains("has not finished");
    }

    @Test
    void theOwnerAndAnAdminGetTheStoredReceiptAndAStrangerDoesNot() {
        TestOwner owner = fixtures().owner();
        TestOwner stranger = fixtures().owner();
        List<DeletionCompleted> chain = storeChain(owner.id(), 2);
        UUID deletionId = chain.get(1).deletionId();

        Answer own = api().get("/v1/deletions/" + deletionId + "/receipt", owner.token());
        Answer admin = api().get("/v1/deletions/" + deletionId + "/receipt", Fixtures.adminToken());
        Answer strangers = api().get("/v1/deletions/" + deletionId + "/receipt", stranger.token());

        assertThat(own.status()).as(own.raw().body()).isEqualTo(200);
        assertThat(own.json().get("deletionId").asString()).isEqualTo(deletionId.toString());
        assertThat(own.json().get("previousDigest").asString())
                .isEqualTo(chain.get(0).digest());
        assertThat(ReceiptDigests.digestOf(own.json())).isEqualTo(chain.get(1).digest());
        assertThat(own.json().get("digest").asString()).isEqualTo(chain.get(1).digest());
        assertThat(admin.status()).isEqualTo(200);
        assertThat(strangers.status()).isEqualTo(404);
        assertThat(strangers.isProblem()).isTrue();
        assertThat(strangers.json().get("detail").asString()).doesNotContain("finished");
    }

    @Test
    void verificationSaysOkForAnIntactChainAndNamesTheAlteredReceipt() {
        TestOwner owner = fixtures().owner();
        List<DeletionCompleted> chain = storeChain(owner.id(), 3);
        String path = "/v1/admin/owners/" + owner.id() + "/receipts/verify";

        Answer intact = api().get(path, Fixtures.adminToken());
        assertThat(intact.status()).as(intact.raw().body()).isEqualTo(200);
        assertThat(intact.json().get("ok").asBoolean()).isTrue();
        assertThat(intact.json().get("receipts").asInt()).isEqualTo(3);

        UUID altered = chain.get(1).deletionId();
        jdbc.sql("update deletion_request_receipts set body = jsonb_set(body, '{blocks,0,outcome}', '\"DELETED\"')"
                        + " where deletion_id = :id")
                .param("id", altered)
                .update();

        JsonNode broken = api().get(path, Fixtures.adminToken()).json();
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("problem").asString()).isEqualTo("ALTERED");
        assertThat(broken.get("brokenAt").asString()).isEqualTo(altered.toString());
        assertThat(broken.get("sequence").asLong()).isEqualTo(2);

        jdbc.sql("delete from deletion_request_receipts where deletion_id = :id")
                .param("id", altered)
                .update();
        JsonNode holed = api().get(path, Fixtures.adminToken()).json();
        assertThat(holed.get("problem").asString()).isEqualTo("MISSING");
        assertThat(holed.get("sequence").asLong()).isEqualTo(2);
    }

    @Test
    void onlyAnAdminMayVerify() {
        TestOwner owner = fixtures().owner();

        Answer refused = api().get("/v1/admin/owners/" + owner.id() + "/receipts/verify", owner.token());

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
    }

    @Test
    void aSupersededReceiptGivesWayToTheLatestAndAllShowsBothInChainOrder() {
        TestOwner owner = fixtures().owner();
        TestOwner stranger = fixtures().owner();
        DeletionCompleted failed = storeChain(owner.id(), 1).get(0);
        UUID deletionId = failed.deletionId();
        DeletionCompleted deleted = storeReceipt(
                owner.id(),
                deletionId,
                2,
                failed.digest(),
                failed.digest(),
                ReceiptOutcome.DELETED,
                Instant.now(),
                false);
        setHead(owner.id(), 2, deleted.digest());
        String path = "/v1/deletions/" + deletionId + "/receipt";

        Answer latest = api().get(path, owner.token());
        Answer all = api().get(path + "?all=true", owner.token());

        assertThat(latest.status()).as(latest.raw().body()).isEqualTo(200);
        assertThat(latest.json().get("digest").asString()).isEqualTo(deleted.digest());
        assertThat(latest.json().get("supersedes").asString()).isEqualTo(failed.digest());
        assertThat(latest.json().get("blocks").get(0).get("outcome").asString()).isEqualTo("DELETED");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().valueStream().map(r -> r.get("digest").asString()))
                .containsExactly(failed.digest(), deleted.digest());
        assertThat(ReceiptDigests.digestOf(all.json().get(0))).isEqualTo(failed.digest());
        assertThat(api().get(path + "?all=true", stranger.token()).status()).isEqualTo(404);
        Answer badFlag = api().get(path + "?all=maybe", owner.token());
        assertThat(badFlag.status()).isEqualTo(400);
        assertThat(badFlag.isProblem()).isTrue();
        JsonNode verified = api().get("/v1/admin/owners/" + owner.id() + "/receipts/verify", Fixtures.adminToken())
                .json();
        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("receipts").asInt()).isEqualTo(2);
    }

    @Test
    void aChainOfReceiptsSealedBeforeAndAfterBlocksDigestVerifies() {
        TestOwner owner = fixtures().owner();
        List<DeletionCompleted> chain = storeChain(owner.id(), 3, 2);
        String path = "/v1/admin/owners/" + owner.id() + "/receipts/verify";

        JsonNode verified = api().get(path, Fixtures.adminToken()).json();
        Answer oldest = api().get("/v1/deletions/" + chain.get(0).deletionId() + "/receipt", owner.token());
        Answer newest = api().get("/v1/deletions/" + chain.get(2).deletionId() + "/receipt", owner.token());

        assertThat(verified.get("ok").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("receipts").asInt()).isEqualTo(3);
        assertThat(oldest.json().has("blocksDigest")).isFalse();
        assertThat(ReceiptDigests.digestOf(oldest.json()))
                .isEqualTo(chain.get(0).digest());
        DeletionCompleted served = EventJson.mapper().treeToValue(newest.json(), DeletionCompleted.class);
        assertThat(served.blocksDigest()).isEqualTo(ReceiptDigests.blocksDigestOf(served.blocks()));
        assertThat(ReceiptDigests.blocksMatch(served.withoutBlocks(), served.blocks()))
                .isTrue();

        jdbc.sql("update deletion_request_receipts set body = jsonb_set(body, '{blocks,0,outcome}', '\"DELETED\"')"
                        + " where deletion_id = :id")
                .param("id", chain.get(0).deletionId())
                .update();
        JsonNode broken = api().get(path, Fixtures.adminToken()).json();
        assertThat(broken.get("problem").asString()).isEqualTo("ALTERED");
        assertThat(broken.get("sequence").asLong()).isEqualTo(1);
    }

    /** Receipts of FAILED blocks, chained, stored as deletion-worker writes them (deletions row, receipt, head). */
    private List<DeletionCompleted> storeChain(UUID owner, int length) {
        return storeChain(owner, length, 0);
    }

    /** @param sealedBeforeBlocksDigest how many of the first receipts were sealed before blocksDigest existed */
    private List<DeletionCompleted> storeChain(UUID owner, int length, int sealedBeforeBlocksDigest) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String previous = null;
        List<DeletionCompleted> chain = new java.util.ArrayList<>();
        for (int sequence = 1; sequence <= length; sequence++) {
            UUID deletionId = UUID.randomUUID();
            jdbc.sql("insert into deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after,"
                            + " block_count, due_by) values (:id, :owner, 'CALENDAR', 'work', :by, :at, :at, 1, :at)")
                    .param("id", deletionId)
                    .param("owner", owner)
                    .param("by", "owner:" + owner)
                    .param("at", java.sql.Timestamp.from(now))
                    .update();
            DeletionCompleted receipt = storeReceipt(
                    owner,
                    deletionId,
                    sequence,
                    previous,
                    null,
                    ReceiptOutcome.FAILED,
                    now,
                    sequence <= sealedBeforeBlocksDigest);
            previous = receipt.digest();
            chain.add(receipt);
        }
        setHead(owner, length, previous);
        return chain;
    }

    private void setHead(UUID owner, long sequence, String digest) {
        jdbc.sql("""
                        insert into receipt_chains (owner_id, last_sequence, last_digest) values (:owner, :n, :digest)
                        on conflict (owner_id) do update set last_sequence = :n, last_digest = :digest
                        """)
                .param("owner", owner)
                .param("n", sequence)
                .param("digest", digest)
                .update();
    }

    /**
     * One receipt of a one-block deletion, stored as deletion-worker writes it — or, {@code sealedBeforeBlocksDigest},
     * as it wrote it before: no blocksDigest, the digest over the blocks too.
     */
    private DeletionCompleted storeReceipt(
            UUID owner,
            UUID deletionId,
            long sequence,
            String previous,
            String supersedes,
            ReceiptOutcome outcome,
            Instant at,
            boolean sealedBeforeBlocksDigest) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        boolean failed = outcome == ReceiptOutcome.FAILED;
        List<ReceiptBlock> blocks = List.of(new ReceiptBlock(
                UUID.nameUUIDFromBytes(deletionId.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "work",
                "ev-" + deletionId,
                outcome,
                failed ? 403 : 204,
                failed ? "GOOGLE_403_FORBIDDEN" : null,
                now,
                now,
                failed ? null : now,
                null));
        DeletionCompleted receipt = ReceiptDigests.sealed(new DeletionCompleted(
                UUID.randomUUID(),
                deletionId,
                owner,
                "CALENDAR",
                "work",
                "owner:" + owner,
                now,
                now.plus(Duration.ofDays(30)),
                now,
                sequence,
                ReceiptTotals.of(blocks),
                blocks,
                null,
                previous,
                supersedes,
                "unsealed"));
        if (sealedBeforeBlocksDigest) {
            ObjectNode json = EventJson.mapper().valueToTree(receipt);
            json.remove("blocksDigest");
            json.put("digest", ReceiptDigests.digestOf(json));
            receipt = EventJson.mapper().treeToValue(json, DeletionCompleted.class);
        }
        jdbc.sql("insert into deletion_request_receipts (deletion_id, owner_id, sequence, completed_at,"
                        + " keep_until, digest, previous_digest, supersedes, body) values (:id, :owner, :sequence,"
                        + " :at, :at, :digest, :previous, :supersedes, cast(:body as jsonb))")
                .param("id", deletionId)
                .param("owner", owner)
                .param("sequence", sequence)
                .param("at", java.sql.Timestamp.from(now))
                .param("digest", receipt.digest())
                .param("previous", previous)
                .param("supersedes", supersedes)
                .param("body", EventJson.mapper().writeValueAsString(receipt))
                .update();
        return receipt;
    }
}
