package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.eventually;
import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.events.DeletionState;
import dev.deletionpipeline.common.events.DeletionStatus;
import dev.deletionpipeline.common.events.OpsSummary;
import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.events.OrphanType;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The reconciler on the real stack: a deletion that only waits for its owner's Google quota is neither orphaned nor
 * re-driven, a deletion whose worker is down becomes an orphan on the wall clock (no record arrives meanwhile), a
 * worker started again resolves it, and the ops summary agrees with the database and the topics
 * at the end of the run (every deletion this run's suites made, on the stack they share).
 */
@ExtendWith(EndToEndStack.Resolver.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.SAME_THREAD)
class ReconcilerOrphansIT {

    /** What a check of the orphan's time may add to deadline + one punctuation: scheduling and the relay's lag. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    /** The per-user quota of the stand-in and the worker in the quota test, and blocks that take 1.5 times the deadline. */
    private static final int QUOTA_PER_MINUTE = 60;

    private static final int QUOTA_BLOCKS = 30;

    private final EndToEndStack stack;
    private final Clients clients;
    private final Outcomes outcomes;
    private final PipelineTopics topics;
    /** The worker's environment as the launcher started it, read at the first stop; the last restart returns to it. */
    private Map<String, String> workerAsLaunched;

    ReconcilerOrphansIT(EndToEndStack stack) {
        this.stack = stack;
        this.clients = stack.clients();
        this.outcomes = stack.outcomes();
        this.topics = stack.topics();
    }

    /**
     * An owner whose synced blocks take longer than the deadline at its per-user quota: the worker and the stand-in both
     * at 60 calls a minute, 30 blocks → 30 s of quota against a 20 s deadline. The worker publishes when it expects to
     * be done, the reconciler counts the deadline from that: no orphan, no re-drive, and the summary shows the wait.
     * The worker keeps its lower quota afterwards: the next test stops it anyway and starts it as launched.
     */
    @Test
    @Order(1)
    void anOwnerWaitingForItsQuotaIsNeitherOrphanedNorReDriven() {
        UUID owner = clients.createOwner("e2e-quota");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-quota";
        List<String> events = IntStream.range(0, QUOTA_BLOCKS)
                .mapToObj(i -> String.format("quota%05d", i))
                .toList();
        clients.standIn().insertEvents(calendar, events);
        List<UUID> ids = clients.database().insertSyncedBlocks(owner, calendar, events);
        Map<UUID, String> blocks = new HashMap<>();
        IntStream.range(0, ids.size()).forEach(i -> blocks.put(ids.get(i), events.get(i)));
        StoppedService worker = stopWorker();
        try {
            clients.standIn().limitPerUser(QUOTA_PER_MINUTE);
            stack.process()
                    .restart(worker.withSettings(Map.of(
                            "DELETION_WORKER_RATELIMIT_PEROWNERPERMINUTE", Integer.toString(QUOTA_PER_MINUTE),
                            "DELETION_WORKER_QUOTAWAITS_REFRESHINTERVAL", "1s",
                            "DELETION_WORKER_QUOTAWAITS_MINCHANGE", "5s")));
            awaitWorkerHealthy();

            clients.api()
                    .post("/v1/deletions", token, Map.of("calendarId", calendar))
                    .expect(202);

            OpsSummary waiting = within(Duration.ofMinutes(1))
                    .until(
                            () -> topics.latestSummary().orElse(null),
                            summary -> summary != null && summary.blocksWaitingForQuota() > 0);
            assertThat(waiting.quotaWaitsDoneBy()).isAfter(waiting.generatedAt());
            within(Duration.ofMinutes(3)).untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, blocks));
            assertThat(topics.orphans())
                    .as("orphans or re-drives of blocks that only waited for quota")
                    .noneMatch(orphan -> blocks.containsKey(orphan.blockId()));
        } finally {
            clients.standIn().limitPerUser(0);
        }
    }

    @Test
    @Order(2)
    void deletionWithItsWorkerStoppedBecomesAnOrphanAndStartingTheWorkerResolvesIt() {
        UUID owner = clients.createOwner("e2e-orphans");
        String token = clients.database().signIn(owner);
        String calendar = "e2e-orphans";
        String parentEvent = StandIn.newEventId();
        String childEvent = StandIn.newEventId();
        UUID parent = clients.createSyncedBlock(token, calendar, parentEvent, null);
        UUID child = clients.createSyncedBlock(token, calendar, childEvent, parent);
        Map<UUID, String> blocks = Map.of(parent, parentEvent, child, childEvent);

        StoppedService worker = stopWorker();
        Instant purgeAfter = Instant.parse(
                clients.deleteBlock(token, parent).get("purgeAfter").asString());
        Instant deadline = purgeAfter.plus(EndToEndStack.RECONCILER_DEADLINE);

        Map<UUID, OrphanDetected> orphans = within(
                        Duration.between(Instant.now(), deadline).plus(Duration.ofMinutes(1)))
                .until(() -> unconfirmedTimeouts(blocks.keySet()), found -> found.size() == blocks.size());
        assertThat(orphans.values())
                .as("detected between the deadline and one punctuation interval after it")
                .allSatisfy(orphan -> assertThat(orphan.detectedAt())
                        .isAfterOrEqualTo(deadline)
                        .isBeforeOrEqualTo(deadline.plus(EndToEndStack.PUNCTUATION_INTERVAL)
                                .plus(SLACK)));
        eventually().untilAsserted(() -> {
            outcomes.assertStates(blocks.keySet(), DeletionState.ORPHANED);
            assertThat(clients.openOrphanBlocks()).containsAll(blocks.keySet());
        });
        assertThat(clients.database().blocks(blocks.keySet()).values())
                .as("rows kept while nothing confirmed their Google events gone")
                .extracting(Database.BlockRow::deletionState)
                .containsOnly("SOFT_DELETED");

        // as the launcher started it: this also ends the quota test's settings
        stack.process().restart(worker.withEnvironment(workerAsLaunched));
        awaitWorkerHealthy();

        eventually().untilAsserted(() -> outcomes.assertHardDeletedAndConfirmed(calendar, blocks));
        assertThat(clients.openOrphanBlocks()).as("open orphans").doesNotContainAnyElementsOf(blocks.keySet());
        assertThat(clients.reconcilerStatus(parent).get("state").asString()).isEqualTo("CONFIRMED");
    }

    @Test
    @Order(3)
    void opsSummaryCountsEqualTheDatabaseAndTheStatusTopicAtTheEndOfTheRun() {
        within(Duration.ofMinutes(2)).untilAsserted(() -> {
            Map<DeletionState, Long> onTheTopic = countsOnTheStatusTopic();
            Map<DeletionState, Long> inTheDatabase = countsInTheDatabase();
            OpsSummary summary = topics.latestSummary().orElseThrow(() -> new AssertionError("no summary yet"));
            assertThat(withZeros(summary.countsByState()))
                    .as("latest OpsSummary")
                    .isEqualTo(onTheTopic);
            assertThat(pendingTogether(onTheTopic))
                    .as("status topic vs database")
                    .isEqualTo(inTheDatabase);
        });
        assertThat(countsOnTheStatusTopic().get(DeletionState.CONFIRMED))
                .as("confirmed deletions of this run")
                .isPositive();
    }

    private StoppedService stopWorker() {
        StoppedService worker = stack.process().stopService("deletion-worker", Duration.ofSeconds(60));
        if (workerAsLaunched == null) {
            workerAsLaunched = worker.environment();
        }
        return worker;
    }

    private void awaitWorkerHealthy() {
        eventually()
                .ignoreException(UncheckedIOException.class)
                .untilAsserted(() -> assertThat(
                                clients.worker().get("/actuator/health", null).status())
                        .isEqualTo(200));
    }

    private Map<UUID, OrphanDetected> unconfirmedTimeouts(Set<UUID> blocks) {
        Map<UUID, OrphanDetected> found = new HashMap<>();
        for (OrphanDetected orphan : topics.orphans()) {
            if (blocks.contains(orphan.blockId()) && orphan.type() == OrphanType.UNCONFIRMED_TIMEOUT) {
                found.putIfAbsent(orphan.blockId(), orphan);
            }
        }
        return found;
    }

    private Map<DeletionState, Long> countsOnTheStatusTopic() {
        Map<DeletionState, Long> counts = withZeros(Map.of());
        for (DeletionStatus status : topics.statuses().values()) {
            counts.merge(status.state(), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * The truth of the database: a receipt per confirmed block; a restored block keeps its deletion id with no state
     * (a withdrawal restored within its window was never announced, so the pipeline does not track it); a soft-deleted
     * or claimed block is pending (the reconciler calls it ORPHANED once its deadline passed), or HELD while a legal hold
     * covers it (another suite may leave one behind), unless it belongs to a withdrawal not yet purged, which was never
     * announced either.
     */
    private Map<DeletionState, Long> countsInTheDatabase() {
        Database db = clients.database();
        Map<DeletionState, Long> counts = withZeros(Map.of());
        counts.put(DeletionState.CONFIRMED, db.count("SELECT count(*) FROM deletion_receipts"));
        counts.put(
                DeletionState.RESTORED,
                db.count("SELECT count(*) FROM blocks b JOIN deletions d ON d.id = b.deletion_id"
                        + " WHERE b.deletion_state IS NULL AND d.restored_at IS NOT NULL AND d.scope <> 'WITHDRAWAL'"));
        counts.put(DeletionState.FAILED, db.count("SELECT count(*) FROM blocks WHERE deletion_state = 'FAILED'"));
        String pending = "SELECT count(*) FROM blocks b JOIN owners o ON o.id = b.owner_id"
                + " WHERE b.deletion_state IN ('SOFT_DELETED', 'CLAIMED')"
                + " AND NOT (o.deleted_at IS NOT NULL AND o.purge_started_at IS NULL)"
                + " AND block_held(b.owner_id, b.calendar_id, b.id, now()) = ";
        counts.put(DeletionState.SOFT_DELETED, db.count(pending + "false"));
        counts.put(DeletionState.HELD, db.count(pending + "true"));
        return counts;
    }

    /** The database cannot tell a pending deletion from an orphaned one: both count as SOFT_DELETED there. */
    private static Map<DeletionState, Long> pendingTogether(Map<DeletionState, Long> counts) {
        Map<DeletionState, Long> folded = withZeros(counts);
        folded.merge(DeletionState.SOFT_DELETED, folded.put(DeletionState.ORPHANED, 0L), Long::sum);
        return folded;
    }

    /** Every state, with 0 where none. */
    private static Map<DeletionState, Long> withZeros(Map<DeletionState, Long> counts) {
        Map<DeletionState, Long> all = new EnumMap<>(DeletionState.class);
        for (DeletionState state : DeletionState.values()) {
            all.put(state, counts.getOrDefault(state, 0L));
        }
        return all;
    }
}
