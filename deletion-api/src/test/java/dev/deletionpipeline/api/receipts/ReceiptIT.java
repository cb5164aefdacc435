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

    /** Receipts of FAILED blocks, chained, stored as deletion-worker writes them (deletions row, receipt, head). */
    private List<DeletionCompleted> storeChain(UUID owner, int length) {
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
            List<ReceiptBlock> blocks = List.of(new ReceiptBlock(
                    UUID.randomUUID(),
                    "work",
                    "ev" + sequence,
                    ReceiptOutcome.FAILED,
                    403,
                    "GOOGLE_403_FORBIDDEN",
                    now,
                    now,
                    null,
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
                    previous,
                    "unsealed"));
            jdbc.sql("insert into deletion_request_receipts (deletion_id, owner_id, sequence, completed_at,"
                            + " keep_until, digest, previous_digest, body) values (:id, :owner, :sequence, :at,"
                            + " :at, :digest, :previous, cast(:body as jsonb))")
                    .param("id", deletionId)
                    .param("owner", owner)
                    .param("sequence", sequence)
                    .param("at", java.sql.Timestamp.from(now))
                    .param("digest", receipt.digest())
                    .param("previous", previous)
                    .param("body", EventJson.mapper().writeValueAsString(receipt))
                    .update();
            previous = receipt.digest();
            chain.add(receipt);
        }
        jdbc.sql("insert into receipt_chains (owner_id, last_sequence, last_digest) values (:owner, :n, :digest)")
                .param("owner", owner)
                .param("n", length)
                .param("digest", previous)
                .update();
        return chain;
    }
}
