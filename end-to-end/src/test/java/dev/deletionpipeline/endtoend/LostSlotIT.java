package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.endtoend.ComposedStack.ServiceInstance;
import dev.deletionpipeline.endtoend.Invariants.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay's replication slot lost while deletions are pending (profile {@code faults}): PostgreSQL runs with a tiny
 * {@code max_slot_wal_keep_size}; deletion-api's relay is switched off while a bulk deletion is soft-deleted, then
 * PostgreSQL is made to invalidate the slot ({@code wal_status = 'lost'}) as it would after a long outage of the relay.
 * When the relay comes back it must find the loss, recreate the slot and re-publish the outbox, so that every pending
 * deletion still ends hard-deleted and confirmed, with nothing premature or duplicated.
 */
class LostSlotIT {

    private static final int BLOCKS = 300;
    private static final String SLOT = "deletion_relay";

    private static ComposedStack stack;
    private static ServiceInstance api;
    private static ServiceInstance worker;
    private static ServiceInstance reconciler;

    @BeforeAll
    static void startStack() {
        Path data = Path.of("target", "lost-slot-stack").toAbsolutePath();
        stack = ComposedStack.start(data, 3, new HashMap<>(EndToEndStack.settings(data)), "1MB");
        api = stack.startService("deletion-api", "api-1");
        worker = stack.startService("deletion-worker", "worker-1");
        reconciler = stack.startService("reconciler", "reconciler-1");
        stack.awaitHealthy(api, worker, reconciler);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyDeletionPendingWhenTheSlotWasLostEndsConfirmed() throws Exception {
        Clients clients = new Clients(stack.endpoints(api, worker, reconciler));
        BulkWaves bulk = BulkWaves.prepare(clients, "lostslot", 1, BLOCKS);
        within(Duration.ofMinutes(2)).until(() -> slots(clients, "wal_status <> 'lost'") == 1);

        api.environment.put("DELETION_RELAY_ENABLED", "false");
        stack.restart(api);
        try (ApiProbe probe =
                new ApiProbe(clients.api(), bulk.token(), bulk::latestDeletionPath, Duration.ofSeconds(1))) {
            bulk.sendNextWave(probe);
        }
        loseSlot(clients);
        api.environment.put("DELETION_RELAY_ENABLED", "true");
        stack.restart(api);

        Verdict verdict = awaitSettled(clients, bulk);
        assertThat(verdict.lost()).as("lost: %s", verdict.examples()).isZero();
        assertThat(verdict.premature()).as("premature: %s", verdict.examples()).isZero();
        assertThat(verdict.duplicated())
                .as("duplicated: %s", verdict.examples())
                .isZero();
        assertThat(verdict.confirmed()).as("confirmed: %s", verdict.examples()).isEqualTo(BLOCKS);
        assertThat(InstanceMetrics.sum(api, "deletion_relay_slot_lost_total"))
                .as("the relay reported the lost slot")
                .isEqualTo(1.0);
        assertThat(slots(clients, "wal_status <> 'lost'"))
                .as("a readable slot again")
                .isEqualTo(1);
    }

    /** Writes WAL, switches segments and checkpoints until PostgreSQL has invalidated the slot. */
    private static void loseSlot(Clients clients) {
        within(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            stack.executeAsSuperuser("create table if not exists wal_filler (filler text)");
            stack.executeAsSuperuser("insert into wal_filler select repeat('x', 1000) from generate_series(1, 2000)");
            stack.executeAsSuperuser("select pg_switch_wal()");
            stack.executeAsSuperuser("checkpoint");
            return slots(clients, "wal_status = 'lost'") == 1;
        });
    }

    private static long slots(Clients clients, String condition) {
        return clients.database()
                .count("SELECT count(*) FROM pg_replication_slots WHERE slot_name = ? AND " + condition, SLOT);
    }

    private static Verdict awaitSettled(Clients clients, BulkWaves bulk) {
        try (PipelineTopics topics =
                new PipelineTopics(stack.endpoints(api, worker, reconciler).kafkaBootstrap())) {
            Invariants invariants = new Invariants(clients.database(), topics);
            AtomicReference<Verdict> latest = new AtomicReference<>();
            Map<UUID, String> blocks = bulk.blocks();
            try {
                within(Duration.ofMinutes(4))
                        .pollInterval(Duration.ofSeconds(5))
                        .until(() -> {
                            latest.set(invariants.check(blocks, stack.calendar().calls()));
                            return latest.get().settled();
                        });
            } catch (ConditionTimeoutException notSettled) {
                latest.set(invariants.check(blocks, stack.calendar().calls()));
            }
            return latest.get();
        }
    }
}
