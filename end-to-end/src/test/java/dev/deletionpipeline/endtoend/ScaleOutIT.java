package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.endtoend.ComposedStack.ServiceInstance;
import dev.deletionpipeline.endtoend.Invariants.Verdict;
import dev.deletionpipeline.localstack.testing.ProcessCpu;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service against one broker (6 partitions per contract topic) and one database (profile
 * {@code faults}): the workers divide 10,000 blocks of four bulk deletions, each claiming an even share while both
 * run (they work the tasks of the lifecycle partitions they hold), only one of the two deletion-api instances relays
 * the outbox, and when one worker is stopped (SIGTERM, as an orchestrator scales in) the other takes over its
 * partitions and everything completes — with 0 lost, 0 premature and 0 duplicated deletions.
 */
class ScaleOutIT {

    /**
     * Four deletions of 2,500 blocks: a deletion's receipt ({@code DeletionCompleted}, one entry per block) of 5,000
     * blocks is 1.6 MB, over Kafka's default 1 MB record limit, and stops the relay.
     */
    private static final int WAVES = 4;

    private static final int WAVE_SIZE = 2_500;
    /** deletion.worker.intake.concurrency: consumers per worker instance. */
    private static final int WORKER_CONCURRENCY = 3;

    private static final String RELAY_ACTIVE = "deletion_relay_active";
    private static final String RECORDS_CONSUMED = "spring_kafka_listener_seconds_count";

    private static ComposedStack stack;
    private static List<ServiceInstance> apis;
    private static List<ServiceInstance> workers;
    private static List<ServiceInstance> reconcilers;

    @BeforeAll
    static void startStack() {
        Path data = Path.of("target", "scale-out-stack").toAbsolutePath();
        Map<String, String> settings = new HashMap<>(FaultSuiteIT.settings(data));
        // long enough for a pair of waves to be taken in before its first block falls due: the CPU phases below
        // then measure the deletions, not the intake of the waves
        settings.put("DELETION_API_BLOCKS_GRACEPERIOD", "30s");
        stack = ComposedStack.start(data, 6, settings);
        apis = List.of(stack.startService("deletion-api", "api-1"), stack.startService("deletion-api", "api-2"));
        workers = List.of(
                stack.startService("deletion-worker", "worker-1"), stack.startService("deletion-worker", "worker-2"));
        reconcilers = List.of(
                stack.startService("reconciler", "reconciler-1"), stack.startService("reconciler", "reconciler-2"));
        for (List<ServiceInstance> instances : List.of(apis, workers, reconcilers)) {
            stack.awaitHealthy(instances.toArray(ServiceInstance[]::new));
        }
        // slow enough for the stop to come while the second worker is busy
        stack.calendar().updateSettings(s -> s.latency(Duration.ofMillis(100)));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twoInstancesOfEachServiceDivideTheWorkAndAStoppedWorkerHandsItsPartitionsToTheOther() throws Exception {
        Clients clients = new Clients(stack.endpoints(apis.get(0), workers.get(0), reconcilers.get(0)));
        BulkWaves bulk = BulkWaves.prepare(clients, "scale", WAVES, WAVE_SIZE);
        within(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(apis.stream()
                                .mapToDouble(api -> InstanceMetrics.sum(api, RELAY_ACTIVE))
                                .sum())
                        .as("active relays")
                        .isEqualTo(1.0));
        try (ApiProbe probe =
                        new ApiProbe(clients.api(), bulk.token(), bulk::latestDeletionPath, Duration.ofSeconds(1));
                InstanceMetrics claims =
                        new InstanceMetrics(stack.endpoints(apis.get(0), workers.get(0), reconcilers.get(0))
                                .jdbcUrl());
                Admin admin = admin()) {
            // the work follows the lifecycle partitions: an even share needs each consumer to hold one first
            within(Duration.ofMinutes(2))
                    .untilAsserted(
                            () -> assertThat(group(admin, "deletion-worker").members())
                                    .as("worker consumers (3 per instance), one lifecycle partition each")
                                    .hasSize(2 * WORKER_CONCURRENCY)
                                    .allMatch(member -> lifecyclePartitions(member) == 1));
            List<UUID> early = List.of(bulk.sendNextWave(probe), bulk.sendNextWave(probe));
            Reading twoStart = readingOnceTakenIn(clients, early, 2 * WAVE_SIZE);
            within(Duration.ofMinutes(3)).until(() -> deleted(clients, early) >= twoStart.deleted() + WAVE_SIZE);
            Reading twoEnd = reading(clients, early);
            Map<String, Integer> shareWhileBoth = claims.claimsSeen();
            double consumedByStopped = InstanceMetrics.sum(workers.get(1), RECORDS_CONSUMED);
            assertThat(workers)
                    .as("each worker consumed lifecycle records")
                    .allMatch(worker -> InstanceMetrics.sum(worker, RECORDS_CONSUMED) > 0);
            assertThat(deleted(clients, early))
                    .as("hard-deleted when the worker stops")
                    .isLessThan(2 * WAVE_SIZE);

            assertThat(group(admin, "deletion-reconciler").members())
                    .as("reconciler instances with input partitions")
                    .hasSize(2)
                    .allMatch(member -> !member.assignment().topicPartitions().isEmpty());

            stack.stop(workers.get(1));
            within(Duration.ofMinutes(2)).untilAsserted(() -> {
                ConsumerGroupDescription group = group(admin, "deletion-worker");
                assertThat(group.members())
                        .as("worker consumers after the stop: the remaining instance's")
                        .hasSize(WORKER_CONCURRENCY);
                assertThat(group.members().stream()
                                .mapToLong(ScaleOutIT::lifecyclePartitions)
                                .sum())
                        .as("lifecycle partitions held by the remaining instance")
                        .isEqualTo(6);
            });
            List<UUID> all = List.of(early.get(0), early.get(1), bulk.sendNextWave(probe), bulk.sendNextWave(probe));
            Reading oneStart = readingOnceTakenIn(clients, all, WAVES * WAVE_SIZE);
            within(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> deleted(clients, all) == WAVES * WAVE_SIZE);
            Reading oneEnd = reading(clients, all);
            System.out.printf(
                    "Scale-out: claims seen per worker while both ran %s, in all %s (worker-2 ran its listener %.0f"
                            + " times before its stop)%n",
                    shareWhileBoth, claims.claimsSeen(), consumedByStopped);
            System.out.println("Scale-out CPU per deletion, two workers: " + cpuPerDeletion(twoStart, twoEnd));
            System.out.println("Scale-out CPU per deletion, one worker:  " + cpuPerDeletion(oneStart, oneEnd));

            Verdict verdict = awaitSettled(clients, bulk.blocks());
            System.out.printf(
                    "Scale-out: %d blocks; lost=%d premature=%d duplicated=%d (unexpected API 5xx=%d)%n",
                    verdict.blocks(),
                    verdict.lost(),
                    verdict.premature(),
                    verdict.duplicated(),
                    probe.unexpectedServerErrors().size());
            int claimedWhileBoth =
                    shareWhileBoth.values().stream().mapToInt(Integer::intValue).sum();
            assertThat(shareWhileBoth)
                    .as("claims per worker while both ran")
                    .containsOnlyKeys("worker-1", "worker-2")
                    .allSatisfy((worker, claimed) -> assertThat(claimed)
                            .as("%s's share of %d claims", worker, claimedWhileBoth)
                            .isBetween(claimedWhileBoth * 40 / 100, claimedWhileBoth * 60 / 100));
            assertThat(verdict.confirmed())
                    .as("confirmed: %s", verdict.examples())
                    .isEqualTo(WAVES * WAVE_SIZE);
            assertThat(verdict.lost() + verdict.premature() + verdict.duplicated())
                    .isZero();
            assertThat(verdict.reconcilerDisagrees())
                    .as("reconciler status disagrees")
                    .isZero();
            assertThat(probe.serverErrors()).as("API 5xx").isEmpty();
        }
    }

    /** CPU used so far per role and the blocks of the waves hard-deleted so far (their receipts). */
    private record Reading(ProcessCpu.Reading cpu, long deleted) {}

    /**
     * A reading once the waves are taken in (each of their blocks is a task or has its receipt), so that a phase
     * measures the dispatch, not the intake of a whole wave against a part of its deletions.
     */
    private static Reading readingOnceTakenIn(Clients clients, List<UUID> waves, int blocks) {
        within(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> clients.database()
                                .count(
                                        "SELECT (SELECT count(*) FROM deletion_tasks) + (SELECT count(*)"
                                                + " FROM deletion_receipts WHERE deletion_id = ANY(CAST(? AS uuid[])))",
                                        uuidArray(waves))
                        >= blocks);
        return reading(clients, waves);
    }

    private static Reading reading(Clients clients, List<UUID> waves) {
        return new Reading(ProcessCpu.read(stack.processes()), deleted(clients, waves));
    }

    /** Blocks of these waves hard-deleted so far (their receipts). */
    private static long deleted(Clients clients, List<UUID> waves) {
        return clients.database()
                .count(
                        "SELECT count(*) FROM deletion_receipts WHERE deletion_id = ANY(CAST(? AS uuid[]))",
                        uuidArray(waves));
    }

    private static String uuidArray(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** Per role, CPU milliseconds per block hard-deleted between the two readings; and the sum as "stack". */
    private static String cpuPerDeletion(Reading from, Reading to) {
        long deleted = to.deleted() - from.deleted();
        Map<String, String> perRole = new LinkedHashMap<>();
        long total = 0;
        for (Map.Entry<String, Long> role : to.cpu().cpuMillis().entrySet()) {
            long used = role.getValue() - from.cpu().cpuMillis().getOrDefault(role.getKey(), 0L);
            total += used;
            perRole.put(role.getKey(), "%.2f ms".formatted((double) used / deleted));
        }
        perRole.put("stack", "%.2f ms".formatted((double) total / deleted));
        return "%d deletions in %.1f s: %s"
                .formatted(deleted, (to.cpu().nanoTime() - from.cpu().nanoTime()) / 1e9, perRole);
    }

    private static long lifecyclePartitions(MemberDescription member) {
        return member.assignment().topicPartitions().stream()
                .filter(partition -> partition.topic().equals(Topics.BLOCKS_LIFECYCLE.name()))
                .count();
    }

    private static ConsumerGroupDescription group(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(Set.of(groupId))
                .describedGroups()
                .get(groupId)
                .get(10, TimeUnit.SECONDS);
    }

    private static Verdict awaitSettled(Clients clients, Map<UUID, String> blocks) {
        String bootstrap =
                stack.endpoints(apis.get(0), workers.get(0), reconcilers.get(0)).kafkaBootstrap();
        try (PipelineTopics topics = new PipelineTopics(bootstrap)) {
            Invariants invariants = new Invariants(clients.database(), topics);
            within(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(5))
                    .until(() ->
                            invariants.check(blocks, stack.calendar().calls()).settled());
            return invariants.check(blocks, stack.calendar().calls());
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.endpoints(apis.get(0), workers.get(0), reconcilers.get(0)).kafkaBootstrap()));
    }
}
