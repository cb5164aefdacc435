package dev.deletionpipeline.common.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.SampleEvents;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.receipts.ChainVerification.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ReceiptChainTest {

    @Test
    void aChainOfSealedReceiptsVerifies() {
        List<JsonNode> chain = chainOf(3);

        ChainVerification verification = verify(chain);

        assertThat(verification.ok()).isTrue();
        assertThat(verification.receipts()).isEqualTo(3);
    }

    @Test
    void theDigestDoesNotDependOnKeyOrderOrWhitespace() {
        DeletionCompleted receipt = SampleEvents.deletionCompleted();
        String reordered = "{\n  \"digest\": \"x\", "
                + EventJson.mapper().writeValueAsString(receipt).substring(1);

        assertThat(ReceiptDigests.digestOf(EventJson.mapper().readTree(reordered)))
                .isEqualTo(receipt.digest())
                .matches("[0-9a-f]{64}");
    }

    @Test
    void anAlteredOutcomeIsNamedAsAltered() {
        List<JsonNode> chain = chainOf(3);
        ObjectNode block = (ObjectNode) chain.get(1).get("blocks").get(1);
        block.put("outcome", "DELETED");
        block.put("googleStatus", 204);

        ChainVerification verification = verify(chain);

        assertThat(verification.problem()).isEqualTo(Problem.ALTERED);
        assertThat(verification.sequence()).isEqualTo(2);
        assertThat(verification.brokenAt())
                .hasToString(chain.get(1).get("deletionId").asString());
    }

    @Test
    void aReceiptResealedAfterAlteringBreaksTheNextLink() {
        List<JsonNode> chain = chainOf(3);
        ObjectNode altered = (ObjectNode) chain.get(1);
        altered.put("requestedBy", "someone-else");
        altered.put("digest", ReceiptDigests.digestOf(altered));

        ChainVerification verification = verify(chain);

        assertThat(verification.problem()).isEqualTo(Problem.BROKEN_LINK);
        assertThat(verification.sequence()).isEqualTo(3);
    }

    @Test
    void aRemovedReceiptIsMissingWhetherInTheMiddleOrAtTheEnd() {
        List<JsonNode> chain = chainOf(3);
        String head = chain.get(2).get("digest").asString();
        List<JsonNode> middleGone = new ArrayList<>(chain);
        middleGone.remove(1);
        List<JsonNode> lastGone = new ArrayList<>(chain);
        lastGone.remove(2);

        assertThat(ReceiptChain.verify(middleGone, new ReceiptChain.Head(3, head, 0, null))
                        .problem())
                .isEqualTo(Problem.MISSING);
        assertThat(ReceiptChain.verify(middleGone, new ReceiptChain.Head(3, head, 0, null))
                        .sequence())
                .isEqualTo(2);
        assertThat(ReceiptChain.verify(lastGone, new ReceiptChain.Head(3, head, 0, null))
                        .problem())
                .isEqualTo(Problem.MISSING);
        assertThat(ReceiptChain.verify(lastGone, new ReceiptChain.Head(3, head, 0, null))
                        .sequence())
                .isEqualTo(3);
    }

    @Test
    void aChainWhoseOldestReceiptsWerePrunedVerifiesFromWhereThePruneSays() {
        List<JsonNode> chain = chainOf(3);
        String last = chain.get(2).get("digest").asString();
        String pruned = chain.get(0).get("digest").asString();
        List<JsonNode> kept = chain.subList(1, 3);

        assertThat(ReceiptChain.verify(kept, new ReceiptChain.Head(3, last, 1, pruned))
                        .ok())
                .isTrue();
        assertThat(ReceiptChain.verify(kept, new ReceiptChain.Head(3, last, 0, null))
                        .problem())
                .isEqualTo(Problem.MISSING);
    }

    @Test
    void aChainOfReceiptsSealedBeforeAndAfterBlocksDigestVerifies() {
        List<JsonNode> chain = chainOf(4, sequence -> sequence <= 2);

        ChainVerification verification = verify(chain);

        assertThat(chain.get(1).has("blocksDigest")).isFalse();
        assertThat(chain.get(2).get("blocksDigest").asString()).matches("[0-9a-f]{64}");
        assertThat(verification.ok()).as(verification.detail()).isTrue();
        assertThat(verification.receipts()).isEqualTo(4);
    }

    @Test
    void anAlteredBlockOfAReceiptSealedBeforeBlocksDigestIsNamedAsAltered() {
        List<JsonNode> chain = chainOf(3, sequence -> true);
        ((ObjectNode) chain.get(1).get("blocks").get(0)).put("outcome", "ALREADY_GONE");

        ChainVerification verification = verify(chain);

        assertThat(verification.problem()).isEqualTo(Problem.ALTERED);
        assertThat(verification.sequence()).isEqualTo(2);
    }

    @Test
    void aStoredReceiptWhoseBlocksWereRemovedIsNamedAsAltered() {
        List<JsonNode> chain = chainOf(3);
        ((ObjectNode) chain.get(1)).set("blocks", EventJson.mapper().createArrayNode());

        ChainVerification verification = verify(chain);

        assertThat(verification.problem()).isEqualTo(Problem.ALTERED);
        assertThat(verification.sequence()).isEqualTo(2);
    }

    @Test
    void aReceiptWithoutItsBlocksHasTheDigestOfTheReceiptWithThem() {
        DeletionCompleted receipt = SampleEvents.deletionCompleted();
        DeletionCompleted event = receipt.withoutBlocks();
        JsonNode published = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(event));

        assertThat(event.blocks()).isEmpty();
        assertThat(event.carriesAllBlocks()).isFalse();
        assertThat(receipt.carriesAllBlocks()).isTrue();
        assertThat(ReceiptDigests.digestOf(published)).isEqualTo(receipt.digest());
        assertThat(ReceiptDigests.blocksMatch(event, receipt.blocks())).isTrue();
        assertThat(ReceiptDigests.blocksMatch(event, receipt.blocks().subList(0, 1)))
                .as("a block left out")
                .isFalse();
        assertThat(ReceiptDigests.blocksMatch(
                        event, List.of(receipt.blocks().get(1), receipt.blocks().get(0))))
                .as("the blocks in another order")
                .isFalse();
    }

    @Test
    void theBlocksOfAReceiptSealedBeforeBlocksDigestAreCheckedAgainstItsDigest() {
        DeletionCompleted legacy = SampleEvents.sealedBeforeBlocksDigest(SampleEvents.deletionCompleted());

        assertThat(legacy.blocksDigest()).isNull();
        assertThat(ReceiptDigests.digestOf(legacy)).isEqualTo(legacy.digest());
        assertThat(legacy.digest())
                .isNotEqualTo(SampleEvents.deletionCompleted().digest());
        assertThat(ReceiptDigests.blocksMatch(legacy, legacy.blocks())).isTrue();
        assertThat(ReceiptDigests.blocksMatch(legacy, legacy.blocks().subList(1, 2)))
                .isFalse();
        assertThatIllegalStateException().isThrownBy(legacy::withoutBlocks);
    }

    private static ChainVerification verify(List<JsonNode> chain) {
        JsonNode last = chain.get(chain.size() - 1);
        return ReceiptChain.verify(
                chain, new ReceiptChain.Head(chain.size(), last.get("digest").asString(), 0, null));
    }

    private static List<JsonNode> chainOf(int length) {
        return chainOf(length, sequence -> false);
    }

    /** @param sealedBeforeBlocksDigest which receipts were sealed under the rule before {@code blocksDigest} */
    private static List<JsonNode> chainOf(int length, LongPredicate sealedBeforeBlocksDigest) {
        DeletionCompleted sample = SampleEvents.deletionCompleted();
        List<JsonNode> chain = new ArrayList<>();
        String previous = null;
        for (int sequence = 1; sequence <= length; sequence++) {
            DeletionCompleted receipt = ReceiptDigests.sealed(new DeletionCompleted(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    sample.ownerId(),
                    sample.scope(),
                    sample.target(),
                    sample.requestedBy(),
                    sample.requestedAt(),
                    sample.dueBy(),
                    sample.completedAt(),
                    sequence,
                    sample.totals(),
                    sample.blocks(),
                    null,
                    previous,
                    null,
                    "unsealed"));
            if (sealedBeforeBlocksDigest.test(sequence)) {
                receipt = SampleEvents.sealedBeforeBlocksDigest(receipt);
            }
            previous = receipt.digest();
            chain.add(EventJson.mapper().valueToTree(receipt));
        }
        return chain;
    }
}
