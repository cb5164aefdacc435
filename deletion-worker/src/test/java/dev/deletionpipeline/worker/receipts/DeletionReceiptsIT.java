package dev.deletionpipeline.worker.receipts;

import static dev.deletionpipeline.common.sql.SqlTime.param;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.deletionpipeline.common.events.BlockRestored;
import dev.deletionpipeline.common.events.DeletionCompleted;
import dev.deletionpipeline.common.events.ReceiptBlock;
import dev.deletionpipeline.common.events.ReceiptOutcome;
import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.common.receipts.ChainVerification;
import dev.deletionpipeline.common.receipts.ReceiptChain;
import dev.deletionpipeline.common.receipts.ReceiptDigests;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CallRecord;
import dev.deletionpipeline.localstack.calendar.InjectedFault;
import dev.deletionpipeline.worker.Pipeline;
import dev.deletionpipeline.worker.Pipeline.Block;
import dev.deletionpipeline.worker.StandInEvents;
import dev.deletionpipeline.worker.WorkerTestStack;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A deletion request ends with exactly one receipt, built from what the database, Google's answers and the worker's
 * bookkeeping say: per block DELETED (204), ALREADY_GONE (404 with a reachable calendar), NOT_SYNCED, FAILED with its
 * reason, or RESTORED; chained per owner, so that altering a stored receipt is caught and named.
 */
class DeletionReceiptsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** Not the usual 30 days, so that a receipt computing its own dueBy instead of reading the request's shows. */
    private static final Duration DUE_PERIOD = Duration.ofDays(12);

    /** Low, so that a receipt whose event leaves its blocks out needs a few blocks, not thousands. */
    private static final int BLOCKS_IN_EVENT = 5;

    @RegisterExtension
    static final WorkerTestStack stack = WorkerTestStack.forClass(DeletionReceiptsIT.class)
            .workerSettings(Map.of("deletion.worker.receipts.blocks-in-event", BLOCKS_IN_EVENT))
            .withWorker();

    private static final CalendarStandIn standIn = stack.standIn();
    private static final StandInEvents events = stack.events();
    private static final Pipeline pipeline = stack.pipeline();
    private static final JdbcTemplate jdbc = pipeline.jdbc();

    @AfterEach
    void noMoreFaults() {
        standIn.updateSettings(settings -> settings.noFaults());
    }

    @Test
    void aMixedBulkDeletionYieldsExactlyOneReceiptWhoseOutcomesMatchTheDatabaseAndGoogle() {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        List<String> deleted = insertEvents(calendar, 250);
        List<String> neverInGoogle = fresh(30);
        List<String> rejected = insertEvents(calendar, 10);
        rejected.forEach(id -> standIn.updateSettings(s -> s.eventFault(id, new InjectedFault(400, "badRequest"))));
        List<String> ids = new ArrayList<>(deleted);
        ids.addAll(neverInGoogle);
        ids.addAll(rejected);
        for (int i = 0; i < 20; i++) {
            ids.add(null);
        }
        BulkDeletion bulk = softDeleteBulk(owner, calendar, ids, Instant.now().minusSeconds(1));

        pipeline.publishSoftDeleted(bulk.blocks());

        DeletionCompleted receipt = awaitReceipt(bulk.deletionId());
        assertThat(outboxReceipts(bulk.deletionId()))
                .as("exactly one DeletionCompleted")
                .hasSize(1);
        assertThat(receipt.totals().blocks()).isEqualTo(310);
        assertThat(receipt.totals().deleted()).isEqualTo(250);
        assertThat(receipt.totals().alreadyGone()).isEqualTo(30);
        assertThat(receipt.totals().notSynced()).isEqualTo(20);
        assertThat(receipt.totals().failed()).isEqualTo(10);
        assertThat(receipt.scope()).isEqualTo("CALENDAR");
        assertThat(receipt.target()).isEqualTo(calendar);
        assertThat(receipt.requestedBy()).isEqualTo("owner:" + owner);
        assertThat(receipt.dueBy())
                .as("the request's own dueBy, as deletion-api decided it")
                .isEqualTo(receipt.requestedAt().plus(DUE_PERIOD));
        assertThat(receipt.sequence()).isEqualTo(1);
        assertThat(receipt.previousDigest()).isNull();
        assertThat(receipt.digest()).isEqualTo(ReceiptDigests.digestOf(receipt));
        Map<UUID, Block> blocks = bulk.blocks().stream().collect(Collectors.toMap(Block::id, Function.identity()));
        Map<String, CallRecord> lastDeletes = lastDeletes(calendar);
        assertThat(receipt.blocks()).hasSize(310).allSatisfy(block -> {
            Block asked = blocks.get(block.blockId());
            assertThat(asked).isNotNull();
            assertThat(block.googleEventId()).isEqualTo(asked.googleEventId());
            assertThat(block.softDeletedAt()).isNotNull();
            assertThat(block.outcome()).isEqualTo(expectedOutcome(asked, deleted, neverInGoogle, rejected));
            assertThat(block.outcome().name()).isEqualTo(databaseOutcome(block.blockId()));
            if (asked.googleEventId() == null) {
                assertThat(block.googleStatus()).isNull();
                assertThat(block.googleAnsweredAt()).isNull();
            } else {
                assertThat(block.googleStatus())
                        .isEqualTo(lastDeletes.get(asked.googleEventId()).status());
                assertThat(block.googleAnsweredAt()).isNotNull();
            }
            if (block.outcome() == ReceiptOutcome.FAILED) {
                assertThat(block.reason()).startsWith("GOOGLE_400_BAD_REQUEST");
                assertThat(block.hardDeletedAt()).isNull();
            } else {
                assertThat(block.hardDeletedAt()).isAfterOrEqualTo(block.softDeletedAt());
                assertThat(block.reason()).isNull();
            }
        });
        assertThat(receipt.blocks())
                .filteredOn(b -> b.outcome() == ReceiptOutcome.ALREADY_GONE)
                .extracting(ReceiptBlock::googleStatus)
                .containsOnly(404);
        assertThat(EventJson.mapper().writeValueAsString(receipt)).doesNotContain("a block");
    }

    @Test
    void aReceiptWithMoreBlocksThanTheEventTakesIsPublishedWithoutThemAndStoredWithThemAll() {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        BulkDeletion big = softDeleteBulk(
                owner,
                calendar,
                insertEvents(calendar, BLOCKS_IN_EVENT + 3),
                Instant.now().minusSeconds(1));
        BulkDeletion small = softDeleteBulk(
                owner,
                calendar,
                insertEvents(calendar, BLOCKS_IN_EVENT),
                Instant.now().minusSeconds(1));

        pipeline.publishSoftDeleted(big.blocks());
        DeletionCompleted stored = awaitReceipt(big.deletionId());
        pipeline.publishSoftDeleted(small.blocks());
        DeletionCompleted storedSmall = awaitReceipt(small.deletionId());

        DeletionCompleted event = outboxEvent(stored);
        assertThat(stored.blocks()).hasSize(BLOCKS_IN_EVENT + 3);
        assertThat(event.blocks()).as("the event leaves the blocks out").isEmpty();
        assertThat(event.totals().blocks()).isEqualTo(BLOCKS_IN_EVENT + 3);
        assertThat(event.carriesAllBlocks()).isFalse();
        assertThat(event.digest()).isEqualTo(stored.digest());
        assertThat(event.blocksDigest()).isEqualTo(ReceiptDigests.blocksDigestOf(stored.blocks()));
        assertThat(ReceiptDigests.blocksMatch(event, stored.blocks())).isTrue();
        assertThat(ReceiptDigests.digestOf(outboxPayload(stored))).isEqualTo(stored.digest());
        assertThat(outboxEvent(storedSmall)).as("a small one carries them all").isEqualTo(storedSmall);
        assertThat(outboxEvent(storedSmall).carriesAllBlocks()).isTrue();
        assertThat(verify(owner).ok()).as(verify(owner).detail()).isTrue();
        assertThat(verify(owner).receipts()).isEqualTo(2);
    }

    @Test
    void theOutboxRefusesAPayloadTooLargeForOneKafkaRecord() {
        String tooLarge = "{\"padding\":\"" + "x".repeat(Topics.OUTBOX_PAYLOAD_MAX_BYTES) + "\"}";
        String largest = "{\"padding\":\"" + "x".repeat(Topics.OUTBOX_PAYLOAD_MAX_BYTES - 20) + "\"}";
        String insert = "insert into outbox (id, aggregatetype, aggregateid, type, payload)"
                + " values (?, 'test.oversize', 'key', 'test', cast(? as jsonb))";

        assertThatThrownBy(() -> jdbc.update(insert, UUID.randomUUID(), tooLarge))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("outbox_payload_fits_one_kafka_record");
        UUID fits = UUID.randomUUID();
        jdbc.update(insert, fits, largest);
        jdbc.update("delete from outbox where id = ?", fits);
    }

    @Test
    void aDeletionEndedByRestoreGetsAReceiptOfRestoredBlocks() {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        BulkDeletion bulk = softDeleteBulk(
                owner, calendar, insertEvents(calendar, 3), Instant.now().plus(Duration.ofHours(1)));
        pipeline.publishSoftDeleted(bulk.blocks());
        await().atMost(PATIENCE).until(() -> tasksOf(bulk.deletionId()) == 3);

        Instant restoredAt = restoreAsTheApiWould(bulk);

        DeletionCompleted receipt = awaitReceipt(bulk.deletionId());
        assertThat(receipt.totals().restored()).isEqualTo(3);
        assertThat(receipt.blocks()).allSatisfy(block -> {
            assertThat(block.outcome()).isEqualTo(ReceiptOutcome.RESTORED);
            assertThat(block.restoredAt()).isEqualTo(restoredAt);
            assertThat(block.hardDeletedAt()).isNull();
        });
        assertThat(standIn.calls())
                .noneMatch(call ->
                        calendar.equals(call.calendarId()) && call.method().equals("DELETE"));
    }

    @Test
    void concurrentCompletionsOfOneOwnerFormOneChainAndAnAlteredReceiptIsNamed() {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        List<BulkDeletion> deletions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            deletions.add(softDeleteBulk(
                    owner, calendar, insertEvents(calendar, 2), Instant.now().minusSeconds(1)));
        }

        pipeline.publishSoftDeleted(
                deletions.stream().flatMap(d -> d.blocks().stream()).toList());

        deletions.forEach(d -> awaitReceipt(d.deletionId()));
        assertThat(jdbc.queryForList(
                        "select sequence from deletion_request_receipts where owner_id = ? order by sequence",
                        Long.class,
                        owner))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(verify(owner).ok()).isTrue();

        UUID altered = jdbc.queryForObject(
                "select deletion_id from deletion_request_receipts where owner_id = ? and sequence = 5",
                UUID.class,
                owner);
        jdbc.update(
                "update deletion_request_receipts set body = jsonb_set(body, '{totals,deleted}', '1')"
                        + " where deletion_id = ?",
                altered);

        ChainVerification verification = verify(owner);
        assertThat(verification.ok()).isFalse();
        assertThat(verification.problem()).isEqualTo(ChainVerification.Problem.ALTERED);
        assertThat(verification.brokenAt()).isEqualTo(altered);
        assertThat(verification.sequence()).isEqualTo(5);
    }

    @Test
    void manyDeletionsOfSeveralOwnersFinishedTogetherGetOneReceiptEachInAFixedNumberOfStatements() {
        String calendar = newCalendar();
        UUID continued = pipeline.newOwner();
        BulkDeletion earlier = hardDeleted(softDeleteBulk(continued, calendar, fresh(1), Instant.now()));
        stack.worker().bean(DeletionReceipts.class).completeAfterRestore(List.of(earlier.deletionId()));
        List<UUID> owners = List.of(continued, pipeline.newOwner(), pipeline.newOwner());
        Map<UUID, BulkDeletion> finished = new HashMap<>();
        for (UUID owner : owners) {
            for (int i = 0; i < 8; i++) {
                BulkDeletion single = hardDeleted(softDeleteBulk(owner, calendar, fresh(1), Instant.now()));
                finished.put(single.deletionId(), single);
            }
        }
        // a deletion with a block removed with its parent and one that failed
        BulkDeletion mixed = softDeleteBulk(owners.get(1), calendar, fresh(2), Instant.now());
        hardDeleted(new BulkDeletion(mixed.deletionId(), List.of(mixed.blocks().get(0))));
        UUID dependant = UUID.randomUUID();
        jdbc.update(
                "insert into removed_dependants (block_id, parent_block_id, deletion_id, owner_id, calendar_id,"
                        + " outcome, hard_deleted_at) values (?, ?, ?, ?, ?, 'NOT_SYNCED', now())",
                dependant,
                mixed.blocks().get(0).id(),
                mixed.deletionId(),
                owners.get(1),
                calendar);
        jdbc.update(
                "update blocks set deletion_state = 'FAILED', failure_reason = 'GOOGLE_400_BAD_REQUEST' where id = ?",
                mixed.blocks().get(1).id());
        finished.put(mixed.deletionId(), mixed);
        BulkDeletion unfinished = softDeleteBulk(owners.get(2), calendar, fresh(1), Instant.now());
        List<UUID> ids = new ArrayList<>(finished.keySet());
        ids.add(unfinished.deletionId());
        AtomicInteger statements = new AtomicInteger();
        DataSource counted = countingStatements(jdbc.getDataSource(), statements);
        DeletionReceipts receipts = new DeletionReceipts(
                JdbcClient.create(counted),
                stack.worker().bean(DeletionReceipts.ReceiptSettings.class),
                stack.worker().bean(Clock.class));

        List<DeletionCompleted> written = new TransactionTemplate(new DataSourceTransactionManager(counted))
                .execute(transaction -> receipts.completeFinished(ids));

        assertThat(statements.get())
                .as("the deletions locked, the finished ones, their blocks, the chain heads, the receipts written")
                .isLessThanOrEqualTo(5);
        assertThat(written)
                .extracting(DeletionCompleted::deletionId)
                .containsExactlyInAnyOrderElementsOf(finished.keySet());
        finished.values().forEach(deletion -> {
            DeletionCompleted receipt = awaitReceipt(deletion.deletionId());
            assertThat(receipt.blocks())
                    .as("the deletion's own blocks, as read for it alone")
                    .isEqualTo(receipts.blocksOf(deletion.deletionId()))
                    .extracting(ReceiptBlock::blockId)
                    .containsExactlyInAnyOrderElementsOf(
                            deletion == mixed
                                    ? List.of(
                                            mixed.blocks().get(0).id(),
                                            mixed.blocks().get(1).id(),
                                            dependant)
                                    : List.of(deletion.blocks().get(0).id()));
        });
        assertThat(storedReceipts(unfinished.deletionId())).isEmpty();
        Map<UUID, Long> receiptsByOwner =
                written.stream().collect(Collectors.groupingBy(DeletionCompleted::ownerId, Collectors.counting()));
        for (UUID owner : owners) {
            long count = receiptsByOwner.get(owner) + (owner.equals(continued) ? 1 : 0);
            assertThat(jdbc.queryForList(
                            "select sequence from deletion_request_receipts where owner_id = ? order by sequence",
                            Long.class,
                            owner))
                    .as("one chain per owner, without gaps")
                    .isEqualTo(LongStream.rangeClosed(1, count).boxed().toList());
            assertThat(verify(owner).ok()).as(verify(owner).detail()).isTrue();
            assertThat(verify(owner).receipts()).isEqualTo((int) count);
        }
    }

    /** What the worker's hard delete records of the deletion's blocks: gone from blocks, each with its receipt row. */
    private static BulkDeletion hardDeleted(BulkDeletion deletion) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (Block block : deletion.blocks()) {
            jdbc.update("delete from blocks where id = ?", block.id());
            jdbc.update(
                    "insert into deletion_receipts (block_id, deletion_id, owner_id, source_event_id, confirmation_id,"
                            + " outcome, dependants_removed, hard_deleted_at, google_event_id, calendar_id,"
                            + " soft_deleted_at, google_answered_at, google_status)"
                            + " values (?, ?, ?, ?, ?, 'DELETED', 0, ?, ?, ?, ?, ?, 204)",
                    block.id(),
                    deletion.deletionId(),
                    block.ownerId(),
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    param(now),
                    block.googleEventId(),
                    block.calendarId(),
                    param(block.deletedAt()),
                    param(now));
        }
        return deletion;
    }

    /** Counts the statements run on its connections. */
    private static DataSource countingStatements(DataSource target, AtomicInteger statements) {
        return new DelegatingDataSource(target) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare")
                                    || method.getName().equals("createStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    @Test
    void anAdminReadsWhereEachEndedBlockStandsWithGooglesAnswer() throws Exception {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        List<String> ids = new ArrayList<>(insertEvents(calendar, 2));
        List<String> rejected = insertEvents(calendar, 1);
        rejected.forEach(id -> standIn.updateSettings(s -> s.eventFault(id, new InjectedFault(400, "badRequest"))));
        ids.addAll(rejected);
        BulkDeletion bulk = softDeleteBulk(owner, calendar, ids, Instant.now().minusSeconds(1));
        pipeline.publishSoftDeleted(bulk.blocks());
        awaitReceipt(bulk.deletionId());
        String admin = DevTokens.local().adminToken("ops", Duration.ofMinutes(5));

        HttpResponse<String> answer = outcomes(bulk.deletionId(), admin);

        assertThat(answer.statusCode()).isEqualTo(200);
        Map<String, Integer> googleStatusByOutcome = new HashMap<>();
        EventJson.mapper().readTree(answer.body()).valueStream().forEach(block -> {
            assertThat(block.get("googleAnsweredAt")).isNotNull();
            googleStatusByOutcome.merge(
                    block.get("outcome").asString(), block.get("googleStatus").asInt(), (a, b) -> {
                        assertThat(b).isEqualTo(a);
                        return a;
                    });
        });
        assertThat(googleStatusByOutcome).containsExactlyInAnyOrderEntriesOf(Map.of("DELETED", 204, "FAILED", 400));
        assertThat(outcomes(
                                bulk.deletionId(),
                                DevTokens.local().ownerToken(owner, UUID.randomUUID(), Duration.ofMinutes(5)))
                        .statusCode())
                .as("an owner")
                .isEqualTo(403);
        assertThat(outcomes(UUID.randomUUID(), admin).statusCode())
                .as("an unknown deletion")
                .isEqualTo(404);
    }

    private static HttpResponse<String> outcomes(UUID deletionId, String token) throws Exception {
        return call(HttpRequest.newBuilder(workerUri("/v1/admin/deletions/" + deletionId + "/outcomes")), token);
    }

    @Test
    void aFailedBlockRedrivenAndDeletedGetsTheDeletionANewReceiptThatSupersedesTheFailedOne() throws Exception {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        List<String> ids = new ArrayList<>(insertEvents(calendar, 2));
        String rejected = ids.get(1);
        standIn.updateSettings(s -> s.eventFault(rejected, new InjectedFault(400, "badRequest")));
        BulkDeletion bulk = softDeleteBulk(owner, calendar, ids, Instant.now().minusSeconds(1));
        pipeline.publishSoftDeleted(bulk.blocks());
        DeletionCompleted failed = awaitReceipts(bulk.deletionId(), 1).get(0);
        assertThat(failed.totals().failed()).isEqualTo(1);
        UUID failedBlock = bulk.blocks().get(1).id();
        standIn.updateSettings(s -> s.noFaults());

        HttpResponse<String> redrive = call(
                HttpRequest.newBuilder(workerUri("/v1/admin/dead-letters/" + deadLetterOf(failedBlock) + "/redrive"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"Google is back\"}")),
                DevTokens.local().adminToken("ops", Duration.ofMinutes(5)));

        assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(202);
        List<DeletionCompleted> receipts = awaitReceipts(bulk.deletionId(), 2);
        assertThat(receipts.get(0)).as("the earlier receipt is kept as sealed").isEqualTo(failed);
        DeletionCompleted deleted = receipts.get(1);
        assertThat(deleted.sequence()).isEqualTo(failed.sequence() + 1);
        assertThat(deleted.previousDigest()).isEqualTo(failed.digest());
        assertThat(deleted.supersedes()).isEqualTo(failed.digest());
        assertThat(deleted.digest()).isEqualTo(ReceiptDigests.digestOf(deleted));
        assertThat(deleted.totals().deleted()).isEqualTo(2);
        assertThat(deleted.totals().failed()).isZero();
        assertThat(deleted.blocks())
                .filteredOn(block -> block.blockId().equals(failedBlock))
                .singleElement()
                .satisfies(block -> {
                    assertThat(block.outcome()).isEqualTo(ReceiptOutcome.DELETED);
                    assertThat(block.googleStatus()).isEqualTo(204);
                    assertThat(block.reason()).isNull();
                    assertThat(block.hardDeletedAt()).isNotNull();
                });
        assertThat(databaseOutcome(failedBlock)).isEqualTo(ReceiptOutcome.DELETED.name());
        assertThat(events.deletes(rejected)).extracting(CallRecord::status).containsExactly(400, 204);
        assertThat(verify(owner).ok()).as(verify(owner).detail()).isTrue();
        assertThat(verify(owner).receipts()).isEqualTo(2);

        stack.worker().bean(DeletionReceipts.class).completeAfterRestore(List.of(bulk.deletionId()));

        assertThat(storedReceipts(bulk.deletionId()))
                .as("nothing changed since the latest receipt: no further one")
                .hasSize(2);
    }

    @Test
    void aFailedBlockRestoredAfterTheReceiptGetsTheDeletionAReceiptOfItsRestore() {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        String rejected = events.insert(calendar);
        standIn.updateSettings(s -> s.eventFault(rejected, new InjectedFault(400, "badRequest")));
        BulkDeletion bulk =
                softDeleteBulk(owner, calendar, List.of(rejected), Instant.now().minusSeconds(1));
        pipeline.publishSoftDeleted(bulk.blocks());
        DeletionCompleted failed = awaitReceipts(bulk.deletionId(), 1).get(0);

        Instant restoredAt = restoreAsTheApiWould(bulk);

        DeletionCompleted restored = awaitReceipts(bulk.deletionId(), 2).get(1);
        assertThat(restored.supersedes()).isEqualTo(failed.digest());
        assertThat(restored.previousDigest()).isEqualTo(failed.digest());
        assertThat(restored.totals().restored()).isEqualTo(1);
        assertThat(restored.totals().failed()).isZero();
        assertThat(restored.blocks()).singleElement().satisfies(block -> {
            assertThat(block.outcome()).isEqualTo(ReceiptOutcome.RESTORED);
            assertThat(block.restoredAt()).isEqualTo(restoredAt);
        });
        assertThat(verify(owner).ok()).as(verify(owner).detail()).isTrue();
    }

    private static UUID deadLetterOf(UUID blockId) {
        return jdbc.queryForObject("select id from dead_letters where block_id = ?", UUID.class, blockId);
    }

    private static URI workerUri(String path) {
        return URI.create("http://localhost:" + stack.worker().port() + path);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(request.header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void receiptsPastTheirRetentionArePrunedOldestFirstAndTheKeptChainStillVerifies() {
        String calendar = newCalendar();
        UUID owner = pipeline.newOwner();
        for (int i = 0; i < 3; i++) {
            finishOneBlockDeletion(owner, calendar);
        }
        // the first and the third are past their retention, the second is not: only the first may go
        jdbc.update(
                "update deletion_request_receipts set keep_until = now() - interval '1 day'"
                        + " where owner_id = ? and sequence in (1, 3)",
                owner);

        int pruned = stack.worker().bean(DeletionReceipts.class).pruneExpired();

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select sequence from deletion_request_receipts where owner_id = ? order by sequence",
                        Long.class,
                        owner))
                .containsExactly(2L, 3L);
        assertThat(verify(owner).ok()).as(verify(owner).detail()).isTrue();
    }

    @Test
    void pruningTakesTheChainHeadsInOwnerOrderAsAppendingReceiptsDoes() throws Exception {
        // in PostgreSQL's order, which is not UUID.compareTo's (that compares signed halves)
        List<UUID> owners = jdbc.queryForList(
                "select o from unnest(array[?, ?]::uuid[]) o order by o",
                UUID.class,
                pipeline.newOwner(),
                pipeline.newOwner());
        UUID low = owners.get(0);
        UUID high = owners.get(1);
        // the higher owner's chain head first in the table, so that an update visiting heads in table order meets it
        // first
        for (UUID owner : List.of(high, low)) {
            finishOneBlockDeletion(owner, newCalendar());
        }
        jdbc.update(
                "update deletion_request_receipts set keep_until = now() - interval '1 day' where owner_id in (?, ?)",
                low,
                high);
        DataSource database = jdbc.getDataSource();
        try (Connection appending = database.getConnection()) {
            // a round appending receipts of both owners holds the lower head and is about to take the higher one
            appending.setAutoCommit(false);
            lockHead(appending, low, false);
            CompletableFuture<Integer> pruned = CompletableFuture.supplyAsync(
                    () -> stack.worker().bean(DeletionReceipts.class).pruneExpired());
            await().atMost(PATIENCE)
                    .until(() -> jdbc.queryForObject(
                                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                            + " and query like '%receipt_chains%'",
                                    Integer.class)
                            > 0);
            try (Connection other = database.getConnection()) {
                other.setAutoCommit(false);
                // the prune waits for the lower head without holding the higher one, so the round could take it
                lockHead(other, high, true);
                other.rollback();
            }
            appending.rollback();
            assertThat(pruned.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2);
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from deletion_request_receipts where owner_id in (?, ?)",
                        Integer.class,
                        low,
                        high))
                .isZero();
    }

    /** A one-block deletion of the owner, through the worker to its receipt. */
    private static void finishOneBlockDeletion(UUID owner, String calendar) {
        BulkDeletion deletion = softDeleteBulk(
                owner, calendar, List.of(events.insert(calendar)), Instant.now().minusSeconds(1));
        pipeline.publishSoftDeleted(deletion.blocks());
        awaitReceipt(deletion.deletionId());
    }

    private static void lockHead(Connection connection, UUID owner, boolean noWait) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select 1 from receipt_chains where owner_id = ? for update" + (noWait ? " nowait" : ""))) {
            lock.setObject(1, owner);
            lock.executeQuery().close();
        }
    }

    private static ReceiptOutcome expectedOutcome(
            Block asked, List<String> deleted, List<String> neverInGoogle, List<String> rejected) {
        if (asked.googleEventId() == null) {
            return ReceiptOutcome.NOT_SYNCED;
        }
        if (deleted.contains(asked.googleEventId())) {
            return ReceiptOutcome.DELETED;
        }
        if (neverInGoogle.contains(asked.googleEventId())) {
            return ReceiptOutcome.ALREADY_GONE;
        }
        assertThat(rejected).contains(asked.googleEventId());
        return ReceiptOutcome.FAILED;
    }

    /** What the database says of the block now: its deletion_receipts outcome, or its FAILED state. */
    private static String databaseOutcome(UUID blockId) {
        List<String> outcome =
                jdbc.queryForList("select outcome from deletion_receipts where block_id = ?", String.class, blockId);
        if (!outcome.isEmpty()) {
            assertThat(pipeline.exists(blockId)).isFalse();
            return outcome.get(0);
        }
        return pipeline.deletionState(blockId);
    }

    private static Map<String, CallRecord> lastDeletes(String calendar) {
        Map<String, CallRecord> last = new HashMap<>();
        standIn.calls().stream()
                .filter(call ->
                        calendar.equals(call.calendarId()) && call.method().equals("DELETE"))
                .forEach(call -> last.put(call.eventId(), call));
        return last;
    }

    private static ChainVerification verify(UUID owner) {
        List<JsonNode> receipts = jdbc.query(
                "select body::text from deletion_request_receipts where owner_id = ? order by sequence",
                (row, n) -> EventJson.mapper().readTree(row.getString(1)),
                owner);
        ReceiptChain.Head head = jdbc.queryForObject(
                "select last_sequence, last_digest, pruned_sequence, pruned_digest from receipt_chains"
                        + " where owner_id = ?",
                (row, n) -> new ReceiptChain.Head(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4)),
                owner);
        return ReceiptChain.verify(receipts, head);
    }

    private static DeletionCompleted awaitReceipt(UUID deletionId) {
        return awaitReceipts(deletionId, 1).get(0);
    }

    /** The deletion's receipts, oldest first, once there are {@code count}; each in the outbox under its own id. */
    private static List<DeletionCompleted> awaitReceipts(UUID deletionId, int count) {
        await().atMost(PATIENCE).until(() -> storedReceipts(deletionId).size() >= count);
        List<DeletionCompleted> receipts = storedReceipts(deletionId);
        assertThat(receipts).hasSize(count);
        assertThat(outboxReceipts(deletionId)).hasSize(count);
        for (DeletionCompleted receipt : receipts) {
            assertThat(receipt.eventId()).isEqualTo(DeletionReceipts.eventIdOf(deletionId, receipt.sequence()));
            assertThat(outboxEvent(receipt))
                    .as("the outbox carries the stored receipt, without its blocks when it has more than fit")
                    .isEqualTo(receipt.blocks().size() <= BLOCKS_IN_EVENT ? receipt : receipt.withoutBlocks());
        }
        return receipts;
    }

    private static DeletionCompleted outboxEvent(DeletionCompleted receipt) {
        return EventJson.mapper().treeToValue(outboxPayload(receipt), DeletionCompleted.class);
    }

    private static JsonNode outboxPayload(DeletionCompleted receipt) {
        return EventJson.mapper()
                .readTree(jdbc.queryForObject(
                        "select payload::text from outbox where id = ?", String.class, receipt.eventId()));
    }

    private static List<DeletionCompleted> storedReceipts(UUID deletionId) {
        return jdbc.query(
                "select body::text from deletion_request_receipts where deletion_id = ? order by sequence",
                (row, n) -> EventJson.mapper().readValue(row.getString(1), DeletionCompleted.class),
                deletionId);
    }

    private static List<String> outboxReceipts(UUID deletionId) {
        return jdbc.queryForList(
                "select payload::text from outbox where aggregatetype = ? and aggregateid = ?",
                String.class,
                Topics.DELETION_RECEIPTS.name(),
                deletionId.toString());
    }

    private static int tasksOf(UUID deletionId) {
        return jdbc.queryForObject(
                "select count(*) from deletion_tasks where deletion_id = ?", Integer.class, deletionId);
    }

    /** What deletion-api's restore does: the blocks come back, the deletion is marked, BlockRestored goes out. */
    private static Instant restoreAsTheApiWould(BulkDeletion bulk) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        jdbc.update(
                "update blocks set deleted_at = null, deletion_state = null, purge_after = null where deletion_id = ?",
                bulk.deletionId());
        jdbc.update("update deletions set restored_at = ? where id = ?", param(now), bulk.deletionId());
        bulk.blocks()
                .forEach(block -> pipeline.publish(
                        new BlockRestored(UUID.randomUUID(), bulk.deletionId(), block.id(), block.ownerId(), now)));
        return now;
    }

    private record BulkDeletion(UUID deletionId, List<Block> blocks) {}

    /** One CALENDAR deletion of many blocks in one set of statements, as deletion-api's bulk soft delete writes it. */
    private static BulkDeletion softDeleteBulk(UUID owner, String calendar, List<String> eventIds, Instant purgeAfter) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID deletion = UUID.randomUUID();
        jdbc.update(
                "insert into deletions (id, owner_id, scope, target, requested_by, requested_at, purge_after,"
                        + " block_count, due_by) values (?, ?, 'CALENDAR', ?, ?, ?, ?, ?, ?)",
                deletion,
                owner,
                calendar,
                "owner:" + owner,
                param(now),
                param(purgeAfter),
                eventIds.size(),
                param(now.plus(DUE_PERIOD)));
        List<Block> blocks = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (String eventId : eventIds) {
            Block block = new Block(UUID.randomUUID(), owner, deletion, calendar, eventId, now, purgeAfter);
            blocks.add(block);
            rows.add(new Object[] {
                block.id(),
                owner,
                calendar,
                eventId,
                eventId == null ? null : "{\"id\":\"" + eventId + "\"}",
                param(now),
                deletion,
                param(purgeAfter)
            });
        }
        jdbc.batchUpdate(
                "insert into blocks (id, owner_id, calendar_id, title, google_event_id, google_event_data,"
                        + " deleted_at, deletion_id, purge_after, deletion_state)"
                        + " values (?, ?, ?, 'a block', ?, cast(? as jsonb), ?, ?, ?, 'SOFT_DELETED')",
                rows);
        return new BulkDeletion(deletion, blocks);
    }

    private static List<String> insertEvents(String calendar, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(events.insert(calendar));
        }
        return ids;
    }

    private static List<String> fresh(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(StandInEvents.newEventId());
        }
        return ids;
    }

    private static String newCalendar() {
        String calendar = "receipts-" + UUID.randomUUID() + "@group.calendar.google.com";
        standIn.createCalendar(calendar);
        return calendar;
    }
}
