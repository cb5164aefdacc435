package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.DeletionRequested;
import dev.deletionpipeline.common.events.DeletionScope;
import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.receipts.ReceiptDigests;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline driven end to end, through REST and Kafka only, on the built local stack (services as separate
 * processes). Every scenario ends with the database, the Google stand-in and the pipeline's topics agreeing.
 * Scenarios run side by side (each has its own blocks, see {@code junit-platform.properties}; a class with
 * {@code PER_CLASS} lifecycle would run them one by one), on the one stack of the run; the scenario that makes Google
 * fail every call holds the stand-in alone.
 */
@ExtendWith(EndToEndStack.Resolver.class)
class PipelineEndToEndIT {

    /** Held shared by scenarios that need Google to answer, exclusively by the one that makes it fail. */
    private static final String GOOGLE = "google-stand-in-faults";

    private static final UUID DEMO_BLOCK_1 = demoBlock(1);
    /** Where the bulk scenario deletes one more block once its 10,000 are confirmed. */
    private static final String LATER_CALENDAR = "e2e-bulk-after";

    private final Clients clients;
    private final Outcomes outcomes;
    private final PipelineTopics topics;
    private final String ownerToken;

    PipelineEndToEndIT(EndToEndStack stack) {
        this.clients = stack.clients();
        this.outcomes = stack.outcomes();
        this.topics = stack.topics();
        this.ownerToken = stack.endpoints().demoOwnerToken();
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void deletedBlockIsHiddenAtOnceAndHardDeletedAfterItsGracePeriodOnceGoogleDeletedItsEvent() {
        String calendar = "e2e-single";
        String event = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(ownerToken, calendar, event, null);

        JsonNode accepted = clients.deleteBlock(ownerToken, block);
        assertThat(accepted.get("state").asString()).isEqualTo("SOFT_DELETED");
        assertThat(accepted.get("blocks").asInt()).isEqualTo(1);
        assertThat(clients.api().get("/v1/blocks/" + block, ownerToken).status())
                .as("a soft-deleted block is hidden")
                .isEqualTo(404);
        assertThat(clients.deleteBlock(ownerToken, block).get("deletionId"))
                .as("repeating the delete answers the same deletion")
                .isEqualTo(accepted.get("deletionId"));

        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, Map.of(block, event)));
        outcomes.assertNoGoogleDeleteBefore(
                Instant.parse(accepted.get("purgeAfter").asString()), Set.of(event));
        assertThat(clients.deletion(ownerToken, uuid(accepted.get("deletionId")))
                        .at("/counts/CONFIRMED")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void blockNeverSyncedToGoogleIsHardDeletedWithoutCallingGoogle() {
        UUID neverSynced = demoBlock(8);
        clients.deleteBlock(ownerToken, neverSynced);

        Map<UUID, String> blocks = new HashMap<>();
        blocks.put(neverSynced, null);
        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed("demo-calendar", blocks));
        assertThat(clients.database()
                        .receipts(Set.of(neverSynced))
                        .get(neverSynced)
                        .outcome())
                .isEqualTo("NOT_SYNCED");
        assertThat(topics.confirmationsOf(neverSynced))
                .extracting(confirmation -> confirmation.event().outcome().name())
                .containsExactly("NOT_SYNCED");
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void bulkDeletionOfTenThousandBlocksIsConfirmedEveryOneAndItsReceiptLeavesTheRelayFree() {
        long setUp = System.nanoTime();
        UUID owner = clients.createOwner("e2e-bulk");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-bulk";
        List<String> events = IntStream.range(0, 10_000)
                .mapToObj(i -> String.format("bulk%05d", i))
                .toList();
        clients.standIn().insertEvents(calendar, events);
        List<UUID> ids = clients.database().insertSyncedBlocks(owner, calendar, events);
        Map<UUID, String> blocks = new HashMap<>();
        IntStream.range(0, ids.size()).forEach(i -> blocks.put(ids.get(i), events.get(i)));

        long setUpMs = Duration.ofNanos(System.nanoTime() - setUp).toMillis();
        long started = System.nanoTime();
        JsonNode accepted = clients.api()
                .post("/v1/deletions", token, Map.of("calendarId", calendar))
                .expect(202);
        long softDeleteMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        assertThat(accepted.get("blocks").asInt()).isEqualTo(10_000);

        within(Duration.ofMinutes(6))
                .until(() -> clients.deletion(token, uuid(accepted.get("deletionId")))
                                .at("/counts/CONFIRMED")
                                .asLong()
                        == 10_000);
        long confirmedMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        // written after the bulk's receipt, which the last confirmation's transaction wrote, so relayed after it
        String laterEvent = StandIn.newEventId();
        UUID later = clients.createSyncedBlock(token, LATER_CALENDAR, laterEvent, null);
        UUID laterDeletion = uuid(clients.deleteBlock(token, later).get("deletionId"));
        eventually()
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, blocks));
        System.out.printf(
                "Bulk deletion of 10,000 blocks: set up in %.1f s, soft-deleted in %d ms, all hard-deleted and"
                        + " confirmed %.1f s after the request (grace period %d s)%n",
                setUpMs / 1000.0, softDeleteMs, confirmedMs / 1000.0, EndToEndStack.GRACE_PERIOD.toSeconds());

        UUID deletionId = uuid(accepted.get("deletionId"));
        assertReceiptPublishedWithoutItsBlocksAndServedWithThemAll(deletionId, token, blocks.keySet());
        assertTheRelayWentOnPastIt(deletionId, laterDeletion, Map.of(later, laterEvent), blocks.keySet());
    }

    /**
     * Its receipt, with every block about 3 MB, would not fit one Kafka record: the event leaves the blocks out and
     * says how many there are; the receipt call serves them all, matching the event's blocksDigest and digest.
     */
    private void assertReceiptPublishedWithoutItsBlocksAndServedWithThemAll(
            UUID deletionId, String token, Set<UUID> blockIds) {
        within(Duration.ofMinutes(2)).until(() -> !topics.receiptsOf(deletionId).isEmpty());
        List<PipelineTopics.Receipt> records = topics.receiptsOf(deletionId);
        assertThat(records).as("DeletionCompleted records of the bulk deletion").hasSize(1);
        DeletionCompleted published = records.get(0).event();
        assertThat(published.blocks()).as("blocks in the event").isEmpty();
        assertThat(published.totals().blocks()).isEqualTo(10_000);
        assertThat(published.carriesAllBlocks()).isFalse();
        assertThat(ReceiptDigests.digestOf(published)).isEqualTo(published.digest());

        JsonNode served = clients.api()
                .get("/v1/deletions/" + deletionId + "/receipt", token)
                .expect(200);
        DeletionCompleted stored = EventJson.mapper().treeToValue(served, DeletionCompleted.class);
        assertThat(stored.blocks()).extracting(ReceiptBlock::blockId).containsExactlyInAnyOrderElementsOf(blockIds);
        assertThat(ReceiptDigests.blocksMatch(published, stored.blocks())).isTrue();
        assertThat(stored.digest()).isEqualTo(published.digest());
        assertThat(ReceiptDigests.intact(served)).isTrue();
    }

    /**
     * An oversize receipt used to stop the relay for good: it failed on that record, restarted, sent the records before
     * it again and failed again. Now a later deletion's confirmation and receipt arrive, and nothing is sent twice.
     */
    private void assertTheRelayWentOnPastIt(
            UUID deletionId, UUID laterDeletion, Map<UUID, String> later, Set<UUID> bulk) {
        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(LATER_CALENDAR, later));
        eventually().until(() -> topics.receiptsOf(laterDeletion).size() == 1);
        assertThat(topics.receiptsOf(laterDeletion).get(0).event().blocks())
                .extracting(ReceiptBlock::blockId)
                .containsExactlyElementsOf(later.keySet());
        assertThat(topics.receiptsOf(deletionId)).as("the bulk receipt, once").hasSize(1);
        Map<UUID, List<PipelineTopics.Confirmation>> confirmations = topics.confirmations();
        assertThat(bulk)
                .as("bulk blocks not confirmed exactly once")
                .filteredOn(
                        block -> confirmations.getOrDefault(block, List.of()).size() != 1)
                .isEmpty();
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void deletingAParentOrASeriesCascadesToItsChildrenAndItsRecurringChain() {
        assertThat(clients.deleteBlock(ownerToken, DEMO_BLOCK_1).get("blocks").asInt())
                .as("block 1 and its child")
                .isEqualTo(2);
        assertThat(clients.deleteBlock(ownerToken, demoBlock(3)).get("blocks").asInt())
                .as("the series and its three instances")
                .isEqualTo(4);

        Map<UUID, String> blocks = Map.of(
                DEMO_BLOCK_1,
                "demoevent1",
                demoBlock(2),
                "demoevent2",
                demoBlock(3),
                "demoseries1",
                demoBlock(4),
                "demoseries1r1",
                demoBlock(5),
                "demoseries1r2",
                demoBlock(6),
                "demoseries1r3");
        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed("demo-calendar", blocks));
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void cancellationMarkerStaysListedWithStatusDeletedUntilItIsHardDeleted() {
        UUID marker = demoBlock(7);
        clients.deleteBlock(ownerToken, marker);

        JsonNode listed = clients.api()
                .get("/v1/blocks?calendarId=demo-calendar", ownerToken)
                .expect(200);
        assertThat(listed.get("items")
                        .valueStream()
                        .filter(item -> item.get("id").asString().equals(marker.toString()))
                        .map(item -> item.get("itemStatus").asString()))
                .as("the marker in the owner's ordinary listing")
                .containsExactly("DELETED");
        eventually().until(() -> markerListedAsDeletedOrGone(marker));
        eventually()
                .untilAsserted(
                        () -> outcomes.assertHardDeletedAndConfirmed("demo-calendar", Map.of(marker, "demoevent7")));
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void restoreWithinTheGracePeriodBringsBackExactlyTheDeletedRowsAndGoogleIsNeverCalled() {
        String calendar = "e2e-restore";
        String parentEvent = StandIn.newEventId();
        String childEvent = StandIn.newEventId();
        UUID parent = clients.createSyncedBlock(ownerToken, calendar, parentEvent, null);
        UUID child = clients.createSyncedBlock(ownerToken, calendar, childEvent, parent);

        JsonNode accepted = clients.deleteBlock(ownerToken, parent);
        assertThat(accepted.get("blocks").asInt()).isEqualTo(2);
        JsonNode restored = clients.api()
                .post("/v1/blocks/" + parent + "/restore", ownerToken, null)
                .expect(200);
        assertThat(restored.get("blocks").asInt()).isEqualTo(2);
        assertThat(clients.api().get("/v1/blocks/" + child, ownerToken).status())
                .isEqualTo(200);

        Map<UUID, String> blocks = Map.of(parent, parentEvent, child, childEvent);
        eventually().untilAsserted(() -> outcomes.assertRestored(calendar, blocks));
        holdsUntilWellAfter(
                Instant.parse(accepted.get("purgeAfter").asString()), () -> outcomes.assertRestored(calendar, blocks));
        assertThat(clients.deletion(ownerToken, uuid(accepted.get("deletionId")))
                        .at("/counts/RESTORED")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void withdrawnAccountRestoredWithinItsWindowGetsEveryBlockBackAndNothingIsDeletedAtGoogle() {
        UUID owner = clients.createOwner("e2e-comeback");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-withdraw-restore";
        String event = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(token, calendar, event, null);
        UUID child = clients.createBlock(token, calendar, null, block);

        JsonNode withdrawn = clients.api().delete("/v1/owners/me", token).expect(202);
        assertThat(withdrawn.get("blocks").asInt()).isEqualTo(2);
        assertThat(clients.api().get("/v1/owners/me", token).status())
                .as("the sessions of a withdrawn owner end at once")
                .isEqualTo(401);
        assertThat(clients.api()
                        .get("/v1/admin/blocks?ownerId=" + owner, clients.adminToken())
                        .expect(200)
                        .get("items"))
                .as("live blocks of the withdrawn owner")
                .isEmpty();

        String newSession = clients.database().signIn(owner);
        JsonNode restored =
                clients.api().post("/v1/owners/me/restore", newSession, null).expect(200);
        assertThat(Outcomes.absent(restored.path("withdrawnAt")))
                .as("withdrawnAt after the restore")
                .isTrue();

        Map<UUID, String> blocks = new HashMap<>();
        blocks.put(block, event);
        blocks.put(child, null);
        outcomes.assertNeverAnnounced(calendar, blocks);
        holdsUntilWellAfter(
                Instant.parse(withdrawn.get("purgeAfter").asString()),
                () -> outcomes.assertNeverAnnounced(calendar, blocks));
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void withdrawnAccountIsPurgedThroughThePipelineOnceItsRestoreWindowHasPassed() {
        UUID owner = clients.createOwner("e2e-leaver");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-withdraw-purge";
        String event = StandIn.newEventId();
        String childEvent = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(token, calendar, event, null);
        UUID child = clients.createSyncedBlock(token, calendar, childEvent, block);
        UUID neverSynced = clients.createBlock(token, calendar, null, null);

        JsonNode withdrawn = clients.api().delete("/v1/owners/me", token).expect(202);
        assertThat(withdrawn.get("blocks").asInt()).isEqualTo(3);
        Instant windowEnd = Instant.parse(withdrawn.get("purgeAfter").asString());

        Map<UUID, String> blocks = new HashMap<>();
        blocks.put(block, event);
        blocks.put(child, childEvent);
        blocks.put(neverSynced, null);
        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, blocks));
        outcomes.assertNoGoogleDeleteBefore(windowEnd, Set.of(event, childEvent));
        eventually()
                .untilAsserted(() -> assertThat(clients.api()
                                .get("/v1/admin/owners/" + owner, clients.adminToken())
                                .status())
                        .as("the purged owner is removed once their blocks are gone")
                        .isEqualTo(404));
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ_WRITE)
    void deletionThatGoogleRejectsIsDeadLetteredAndARedriveCompletesIt() {
        String calendar = "e2e-google-failure";
        String event = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(ownerToken, calendar, event, null);

        clients.standIn().failCalls(Map.of(400, 1.0));
        JsonNode deadLetter;
        try {
            clients.deleteBlock(ownerToken, block);
            deadLetter = eventually().until(() -> deadLetterOf(block), dl -> dl != null);
        } finally {
            clients.standIn().failCalls(Map.of());
        }
        assertThat(deadLetter.get("reason").asString()).isEqualTo("GOOGLE_400_BAD_REQUEST");
        assertThat(deadLetter.get("redrivable").asBoolean()).isTrue();
        eventually().untilAsserted(() -> assertFailedEverywhere(block, calendar, event));

        JsonNode redriven = clients.worker()
                .post(
                        "/v1/admin/dead-letters/" + deadLetter.get("id").asString() + "/redrive",
                        clients.adminToken(),
                        Map.of("reason", "Google accepts the event again"))
                .expect(202);
        assertThat(redriven.get("state").asString()).isEqualTo("REQUEUED");

        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, Map.of(block, event)));
        assertThat(clients.worker()
                        .post(
                                "/v1/admin/dead-letters/" + deadLetter.get("id").asString() + "/redrive",
                                clients.adminToken(),
                                Map.of("reason", "once more"))
                        .status())
                .as("a second redrive of the same dead letter")
                .isEqualTo(409);
        assertThat(clients.openOrphanBlocks()).as("open orphans").doesNotContain(block);
    }

    @Test
    @ResourceLock(value = GOOGLE, mode = ResourceAccessMode.READ)
    void deletionRequestedByAnotherServiceOnKafkaIsCarriedOutLikeARestDelete() throws Exception {
        String calendar = "e2e-command";
        String event = StandIn.newEventId();
        UUID block = clients.createSyncedBlock(ownerToken, calendar, event, null);
        UUID owner = UUID.fromString(clients.api()
                .get("/v1/owners/me", ownerToken)
                .expect(200)
                .get("id")
                .asString());
        DeletionRequested command = new DeletionRequested(
                UUID.randomUUID(), DeletionScope.BLOCK, owner, block, null, "e2e-other-service", Instant.now());

        clients.sendCommand(command);

        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, Map.of(block, event)));
        JsonNode deletion = clients.deletion(ownerToken, command.eventId());
        assertThat(deletion.get("requestedBy").asString()).isEqualTo("service:e2e-other-service");
        assertThat(deletion.at("/counts/CONFIRMED").asLong()).isEqualTo(1);
    }

    /** While the marker's row exists, the owner sees it listed as DELETED; once hard-deleted it is gone. */
    private boolean markerListedAsDeletedOrGone(UUID marker) {
        RestClient.Answer answer = clients.api().get("/v1/blocks/" + marker, ownerToken);
        if (answer.status() == 404) {
            return true;
        }
        if (!answer.expect(200).get("itemStatus").asString().equals("DELETED")) {
            throw new AssertionError("A soft-deleted cancellation marker must be listed as DELETED: " + answer.body());
        }
        return false;
    }

    private JsonNode deadLetterOf(UUID block) {
        return clients.worker()
                .get("/v1/admin/dead-letters", clients.adminToken())
                .expect(200)
                .valueStream()
                .filter(dl -> dl.get("blockId").asString().equals(block.toString()))
                .findFirst()
                .orElse(null);
    }

    /** The block kept, its event kept, FAILED in the database and on the status topic, a dead letter and an orphan. */
    private void assertFailedEverywhere(UUID block, String calendar, String event) {
        assertThat(clients.database().blocks(Set.of(block)).get(block).deletionState())
                .isEqualTo("FAILED");
        assertThat(Outcomes.deletedAt(clients.standIn().events(calendar), event))
                .as("Google event kept")
                .isNull();
        outcomes.assertStates(Set.of(block), DeletionState.FAILED);
        assertThat(topics.deadLetterReasonsOf(block)).containsExactly("GOOGLE_400_BAD_REQUEST");
        assertThat(topics.orphans())
                .filteredOn(orphan -> orphan.blockId().equals(block))
                .extracting(OrphanDetected::type)
                .contains(OrphanType.DEAD_LETTERED);
        assertThat(clients.openOrphanBlocks()).contains(block);
    }

    /** Checks that the outcome holds from now until a few seconds after the instant (e.g. a grace period's end). */
    private static void holdsUntilWellAfter(Instant instant, Runnable assertion) {
        Duration hold = Duration.between(Instant.now(), instant)
                .plus(EndToEndStack.PURGE_INTERVAL.multipliedBy(2))
                .plusSeconds(3);
        if (hold.isNegative()) {
            hold = Duration.ofSeconds(1);
        }
        await().during(hold)
                .atMost(hold.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(assertion::run);
    }

    private static UUID demoBlock(int n) {
        return UUID.fromString(String.format("b0000000-0000-4000-8000-%012d", n));
    }

    private static UUID uuid(JsonNode text) {
        return UUID.fromString(text.asString());
    }
}
