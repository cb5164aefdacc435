package dev.deletionpipeline.endtoend;

import static dev.deletionpipeline.endtoend.Eventually.within;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.endtoend.ComposedStack.ServiceInstance;
import dev.deletionpipeline.endtoend.Invariants.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of every service against one broker (6 partitions per contract topic) and one database (profile
 * {@code faults}): the workers divide a 10,000-block bulk deletion, only one of the two deletion-api instances relays
 * the outbox, and when one worker is stopped (SIGTERM, as an orchestrator scales in) the other takes over its
 * partitions and everything completes — with 0 lost, 0 premature and 0 duplicated deletions.
 */
class ScaleOutIT {

    private static final int WAVE_SIZE = 5_000;
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
        stack = ComposedStack.start(data, 6, FaultSuiteIT.settings(data));
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
        BulkWaves bulk = BulkWaves.prepare(clients, "scale", 2, WAVE_SIZE);
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
            UUID first = bulk.sendNextWave(probe);
            within(Duration.ofMinutes(3))
                    .untilAsserted(() -> assertThat(claims.claimants())
                            .as("workers that claimed blocks")
                            .containsExactlyInAnyOrder("worker-1", "worker-2"));
            double consumedByStopped = InstanceMetrics.sum(workers.get(1), RECORDS_CONSUMED);
            assertThat(workers)
                    .as("each worker consumed lifecycle records")
                    .allMatch(worker -> InstanceMetrics.sum(worker, RECORDS_CONSUMED) > 0);
            assertThat(bulk.hardDeleted(first))
                    .as("hard-deleted when the worker stops")
                    .isLessThan(WAVE_SIZE);

            assertThat(group(admin, "deletion-reconciler").members())
                    .as("reconciler instances with input partitions")
                    .hasSize(2)
                    .allMatch(member -> !member.assignment().topicPartitions().isEmpty());

            assertThat(group(admin, "deletion-worker").members())
                    .as("worker consumers (3 per instance) before the stop")
                    .hasSize(2 * WORKER_CONCURRENCY);

            stack.stop(workers.get(1));
            within(Duration.ofMinutes(2)).untilAsserted(() -> {
                ConsumerGroupDescription group = group(admin, "deletion-worker");
                assertThat(group.members())
                        .as("worker consumers after the stop: the remaining instance's")
                        .hasSize(WORKER_CONCURRENCY);
                assertThat(group.members().stream()
                                .flatMap(member -> member.assignment().topicPartitions().stream())
                                .filter(partition -> partition.topic().equals("blocks.lifecycle.v1")))
                        .as("lifecycle partitions held by the remaining instance")
                        .hasSize(6);
            });
            bulk.sendNextWave(probe);

            Verdict verdict = awaitSettled(clients, bulk.blocks());
            System.out.printf(
                    "Scale-out: %d blocks; claims seen per worker %s (worker-2 ran its listener %.0f times before its stop);"
                            + " lost=%d premature=%d duplicated=%d (unexpected API 5xx=%d)%n",
                    verdict.blocks(),
                    claims.claimsSeen(),
                    consumedByStopped,
                    verdict.lost(),
                    verdict.premature(),
                    verdict.duplicated(),
                    probe.unexpectedServerErrors().size());
            assertThat(verdict.confirmed())
                    .as("confirmed: %s", verdict.examples())
                    .isEqualTo(2 * WAVE_SIZE);
            assertThat(verdict.lost() + verdict.premature() + verdict.duplicated())
                    .isZero();
            assertThat(verdict.reconcilerDisagrees())
                    .as("reconciler status disagrees")
                    .isZero();
            assertThat(probe.serverErrors()).as("API 5xx").isEmpty();
        }
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
