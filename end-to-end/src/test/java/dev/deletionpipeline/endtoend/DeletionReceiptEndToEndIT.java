package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.receipts.ReceiptDigests;
import dev.deletionpipeline.endtoend.Database.Receipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * The proof of a finished deletion request on the built stack: a bulk deletion of 1,000 blocks yields exactly one
 * {@code DeletionCompleted} on {@code deletion.receipts.v1} (through the outbox and the relay) whose per-block outcomes
 * match the database, the stand-in's call log and {@code deletion.status.v1}; the receipt call returns it, its digest
 * verifies, and altering the stored receipt makes the verification name it.
 */
@ExtendWith(EndToEndStack.Resolver.class)
class DeletionReceiptEndToEndIT {

    /** The stand-in's fault lock of {@link PipelineEndToEndIT}: this scenario needs Google to answer. */
    private static final String GOOGLE = "google-stand-in-faults";

    private static final int SYNCED = 980;
    private static final int GONE_AT_GOOGLE = 20;

    private final Clients clients;
    private final PipelineTopics topics;
    private final Outcomes outcomes;

    DeletionReceiptEndToEndIT(EndToEndStack stack) {
        this.clients = stack.clients();
        this.topics = stack.topics();
        this.outcomes = stack.outcomes();
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void bulkDeletionOfAThousandBlocksEndsWithExactlyOneReceiptThatVerifiesUntilItIsAltered() {
        UUID owner = clients.createOwner("e2e-receipt");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-receipt";
        List<String> synced = IntStream.range(0, SYNCED)
                .mapToObj(i -> String.format("receipt%05d", i))
                .toList();
        List<String> events = new ArrayList<>(synced);
        IntStream.range(0, GONE_AT_GOOGLE).forEach(i -> events.add(String.format("receiptgone%03d", i)));
        clients.standIn().insertEvents(calendar, synced);
        List<UUID> ids = clients.database().insertSyncedBlocks(owner, calendar, events);
        Map<UUID, String> eventOf = new HashMap<>();
        IntStream.range(0, ids.size()).forEach(i -> eventOf.put(ids.get(i), events.get(i)));

        UUID deletionId = UUID.fromString(clients.api()
                .post("/v1/deletions", token, Map.of("calendarId", calendar))
                .expect(202)
                .get("deletionId")
                .asString());

        within(Duration.ofMinutes(6)).until(() -> !topics.receiptsOf(deletionId).isEmpty());
        List<PipelineTopics.Receipt> records = topics.receiptsOf(deletionId);
        assertThat(records).as("DeletionCompleted records of the deletion").hasSize(1);
        DeletionCompleted receipt = records.get(0).event();
        assertThat(records.get(0).cloudEventId()).isEqualTo(receipt.eventId());
        assertThat(receipt.deletionId()).isEqualTo(deletionId);
        assertThat(receipt.ownerId()).isEqualTo(owner);
        assertThat(receipt.totals().blocks()).isEqualTo(SYNCED + GONE_AT_GOOGLE);
        assertThat(receipt.totals().deleted()).isEqualTo(SYNCED);
        assertThat(receipt.totals().alreadyGone()).isEqualTo(GONE_AT_GOOGLE);
        assertThat(ReceiptDigests.digestOf(receipt)).isEqualTo(receipt.digest());

        Map<UUID, Receipt> database = clients.database().receipts(ids);
        Map<String, Integer> lastStatus = new HashMap<>();
        clients.standIn()
                .deleteCalls(new HashSet<>(events))
                .forEach(call -> lastStatus.put(
                        call.get("eventId").asString(), call.get("status").asInt()));
        assertThat(receipt.blocks()).extracting(ReceiptBlock::blockId).containsExactlyInAnyOrderElementsOf(ids);
        for (ReceiptBlock block : receipt.blocks()) {
            String event = eventOf.get(block.blockId());
            assertThat(block.googleEventId()).isEqualTo(event);
            assertThat(block.outcome().name())
                    .as("outcome of %s as the database has it", block.blockId())
                    .isEqualTo(database.get(block.blockId()).outcome());
            assertThat(block.googleStatus())
                    .as("Google's answer for %s in the stand-in's call log", event)
                    .isEqualTo(lastStatus.get(event))
                    .isEqualTo(event.startsWith("receiptgone") ? 404 : 204);
            assertThat(block.hardDeletedAt())
                    .isEqualTo(database.get(block.blockId()).hardDeletedAt());
        }

        // the reconciler's status follows the same confirmations on its own path, so it may lag the receipt a little
        eventually().untilAsserted(() -> outcomes.assertStates(new HashSet<>(ids), DeletionState.CONFIRMED));

        JsonNode served = clients.api()
                .get("/v1/deletions/" + deletionId + "/receipt", token)
                .expect(200);
        assertThat(served.get("digest").asString()).isEqualTo(receipt.digest());
        assertThat(ReceiptDigests.digestOf(served)).isEqualTo(receipt.digest());
        String verify = "/v1/admin/owners/" + owner + "/receipts/verify";
        assertThat(clients.api()
                        .get(verify, clients.adminToken())
                        .expect(200)
                        .get("ok")
                        .asBoolean())
                .isTrue();

        clients.database().alterReceipt(deletionId);

        JsonNode broken = clients.api().get(verify, clients.adminToken()).expect(200);
        assertThat(broken.get("ok").asBoolean()).isFalse();
        assertThat(broken.get("problem").asString()).isEqualTo("ALTERED");
        assertThat(broken.get("brokenAt").asString()).isEqualTo(deletionId.toString());
    }
}
