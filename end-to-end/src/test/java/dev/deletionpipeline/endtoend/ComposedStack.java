package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.launcher.LocalStackRun;
import dev.deletionpipeline.localstack.launcher.LocalStackSettings;
import dev.deletionpipeline.localstack.launcher.ServiceProcess;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import dev.deletionpipeline.localstack.testing.ProcessCpu;
import dev.deletionpipeline.localstack.testing.StopOnExit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stack composed in the test JVM, part by part, so that a suite can crash and restart any part under load:
 * a real Kafka broker as a child JVM with a log that survives restarts ({@link KafkaBrokerProcess}), PostgreSQL
 * restarted on the same data directory and port, the Google stand-in in this JVM (its listener can be closed and
 * re-opened), and each service instance as a child process started from its jar exactly as the launcher starts it
 * ({@link ServiceProcess}, the same environment), possibly several instances of one service.
 */
final class ComposedStack implements AutoCloseable {

    static final Duration HEALTHY = Duration.ofMinutes(4);
    /** The launcher's default service JVM options, split as the launcher splits them. */
    private static final List<String> JVM_OPTIONS =
            LocalStackSettings.from(new String[0], Map.of()).serviceJvmOptions();

    /**
     * Reconciler instances answer for each other's keys: peers on this machine, with a credential of this stack's own
     * (never the caller's token).
     */
    private static final Map<String, String> REPLICA_PEERS =
            Map.of("RECONCILER_PEERS", "localhost", "RECONCILER_PEER_SECRET", "e2e-peer-secret-" + UUID.randomUUID());

    private final Path data;
    private final KafkaBrokerProcess kafka;
    private final CalendarStandIn calendar;
    private final Map<String, String> serviceSettings;
    private final String maxSlotWalKeepSize;
    private final List<ServiceInstance> instances = new ArrayList<>();
    private final StopOnExit stopOnExit;
    private LocalPostgres postgres;
    private boolean closed;

    /** One running (or crashed) instance of a service, and how to start it again. */
    static final class ServiceInstance {
        final String service;
        final String instanceId;
        final int port;
        final Map<String, String> environment;
        private ServiceProcess process;
        private int generation;

        private ServiceInstance(String service, String instanceId, int port, Map<String, String> environment) {
            this.service = service;
            this.instanceId = instanceId;
            this.port = port;
            this.environment = environment;
        }

        String url() {
            return "http://localhost:" + port;
        }

        ServiceProcess process() {
            return process;
        }
    }

    private ComposedStack(Path data, int partitions, Map<String, String> serviceSettings, String maxSlotWalKeepSize) {
        this.data = data;
        this.serviceSettings = serviceSettings;
        this.maxSlotWalKeepSize = maxSlotWalKeepSize;
        this.kafka = KafkaBrokerProcess.start(data.resolve("kafka"), partitions);
        this.postgres = LocalPostgres.start(data.resolve("postgres"), 0, maxSlotWalKeepSize);
        this.calendar = CalendarStandIn.start(CalendarStandInSettings.builder()
                .port(freePort())
                .autoCreateCalendars(true)
                .build());
        // the schema first, as the launcher does, so that services can start side by side
        postgres.migrate(LocalPostgres.DATABASE);
        this.stopOnExit = StopOnExit.closing("composed-stack", this);
    }

    /**
     * Starts Kafka, PostgreSQL and the stand-in on a fresh data directory; services are started with
     * {@link #startService}.
     */
    static ComposedStack start(Path data, int partitions, Map<String, String> serviceSettings) {
        return start(data, partitions, serviceSettings, LocalPostgres.DEFAULT_MAX_SLOT_WAL_KEEP_SIZE);
    }

    /** @param maxSlotWalKeepSize PostgreSQL's {@code max_slot_wal_keep_size} (a tiny one lets a suite lose a slot) */
    static ComposedStack start(
            Path data, int partitions, Map<String, String> serviceSettings, String maxSlotWalKeepSize) {
        LocalStackProcess.deleteDataDirectory(data);
        return new ComposedStack(data, partitions, serviceSettings, maxSlotWalKeepSize);
    }

    /**
     * Starts an instance of {@code deletion-api}, {@code deletion-worker} or {@code reconciler} on a free port (not
     * waiting for it to be healthy: see {@link #awaitHealthy}); a reconciler instance gets a state directory of its
     * own, a worker instance its id.
     */
    synchronized ServiceInstance startService(String service, String instanceId) {
        Map<String, String> environment = new HashMap<>(LocalStackRun.tokenEnvironment());
        environment.putAll(REPLICA_PEERS);
        environment.putAll(serviceSettings);
        environment.putAll(Map.of(
                "JDBC_URL", postgres.jdbcUrl(),
                "JDBC_USER", LocalPostgres.USER,
                "JDBC_PASSWORD", LocalPostgres.PASSWORD,
                "KAFKA_BOOTSTRAP", kafka.bootstrapServers(),
                "GOOGLE_CALENDAR_ROOT_URL", calendar.rootUrl(),
                "GOOGLE_TOKEN_URL", calendar.tokenUrl(),
                "WORKER_INSTANCE_ID", instanceId,
                "RECONCILER_STATE_DIR", data.resolve(instanceId + "-state").toString()));
        ServiceInstance instance = new ServiceInstance(service, instanceId, freePort(), environment);
        launch(instance);
        instances.add(instance);
        return instance;
    }

    void awaitHealthy(ServiceInstance... started) {
        for (ServiceInstance instance : started) {
            instance.process.awaitHealthy(HEALTHY);
        }
    }

    /** kill -9 (SIGKILL: no shutdown hook, no graceful shutdown), then the same instance again, healthy. */
    void crashAndRestart(ServiceInstance instance) {
        instance.process.kill();
        launch(instance);
        instance.process.awaitHealthy(HEALTHY);
    }

    /** SIGTERM, then the same instance again (with its environment as it is now), healthy. */
    void restart(ServiceInstance instance) {
        stop(instance);
        launch(instance);
        instance.process.awaitHealthy(HEALTHY);
    }

    /** SIGTERM: Spring's graceful shutdown, as an orchestrator scales an instance in. */
    void stop(ServiceInstance instance) {
        instance.process.stop(Duration.ofSeconds(60));
    }

    /** A clean broker restart under the running services: same address, same log. */
    void restartKafka() {
        kafka.restart();
    }

    /** A clean PostgreSQL restart (fast shutdown: sessions are cut) on the same data directory and port. */
    synchronized void restartPostgres() {
        int port = postgres.port();
        postgres.close();
        postgres = LocalPostgres.start(data.resolve("postgres"), port, maxSlotWalKeepSize);
    }

    /** For what the application role may not do, e.g. {@code pg_switch_wal()} or {@code CHECKPOINT}. */
    synchronized void executeAsSuperuser(String sql) {
        postgres.executeAsSuperuser(sql);
    }

    /**
     * The running processes by role, for {@link ProcessCpu}: each service's live instances, the Kafka broker and
     * PostgreSQL (the postmaster and its backends). The stand-in runs in the test JVM and is not among them.
     */
    synchronized Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
        for (String service : List.of("deletion-api", "deletion-worker", "reconciler")) {
            processes.put(
                    service,
                    instances.stream()
                            .filter(instance -> instance.service.equals(service) && instance.process.isAlive())
                            .map(instance -> ProcessHandle.of(instance.process.pid()))
                            .flatMap(Optional::stream)
                            .toList());
        }
        processes.put("kafka", List.of(kafka.handle()));
        processes.put("postgres", ProcessCpu.postgres(data.resolve("postgres")));
        return processes;
    }

    CalendarStandIn calendar() {
        return calendar;
    }

    StackEndpoints endpoints(ServiceInstance api, ServiceInstance worker, ServiceInstance reconciler) {
        return new StackEndpoints(
                api.url(),
                worker.url(),
                reconciler.url(),
                kafka.bootstrapServers(),
                postgres.jdbcUrl(),
                calendar.url(),
                null,
                null,
                DevTokens.local().adminToken("e2e-admin", Duration.ofHours(8)));
    }

    private void launch(ServiceInstance instance) {
        instance.generation++;
        Path logs = data.resolve("logs").resolve(instance.instanceId + "." + instance.generation);
        instance.process = ServiceProcess.start(
                instance.service, LocalStackProcess.HOME, instance.port, instance.environment, JVM_OPTIONS, logs);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        stopOnExit.cancel();
        if (closed) {
            return;
        }
        closed = true;
        for (int i = instances.size() - 1; i >= 0; i--) {
            instances.get(i).process.stop(Duration.ofSeconds(30));
        }
        calendar.close();
        postgres.close();
        kafka.close();
    }
}
