package dev.deletionpipeline.localstack.launcher;

import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import dev.deletionpipeline.localstack.kafka.LocalKafka;
import dev.deletionpipeline.localstack.postgres.LocalPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the parts in dependency order (Kafka, PostgreSQL, the stand-in, then the services), seeds the demo data,
 * prints where everything is, and stops all of it in reverse order. Child processes it started are recorded so that
 * a start after a crash ends leftovers first.
 */
public final class LocalStackRun {

    /**
     * The {@code ce_source} of the one requesting service the local stack lets send {@code DeletionRequested} commands,
     * with scopes BLOCK and CALENDAR (not OWNER); a production deployment lists its own services.
     */
    public static final String DEMO_REQUEST_SOURCE = "/local/other-service";

    private static final Logger log = LoggerFactory.getLogger(LocalStackRun.class);
    /** How long the printed tokens work: a working day; a restart of the stack prints fresh ones. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(8);

    private final LocalStackSettings settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final PidFile pidFile;
    private LocalKafka kafka;
    private LocalPostgres postgres;
    private CalendarStandIn calendar;

    public LocalStackRun(LocalStackSettings settings) {
        this.settings = settings;
        this.pidFile = new PidFile(settings.dataDirectory().resolve("services.pid"));
    }

    public void start() {
        pidFile.killLeftovers();
        kafka = LocalKafka.startKeeping(settings.dataDirectory().resolve("kafka"), settings.partitions());
        log.info("Kafka (KRaft) on {}", kafka.bootstrapServers());
        postgres = LocalPostgres.start(
                settings.dataDirectory().resolve("postgres"),
                settings.postgresPort(),
                settings.postgresMaxSlotWalKeepSize());
        log.info(
                "PostgreSQL on {} (data in {})",
                postgres.jdbcUrl(),
                settings.dataDirectory().resolve("postgres"));
        calendar = CalendarStandIn.start(CalendarStandInSettings.builder()
                .port(settings.calendarPort())
                .latency(settings.calendarLatency())
                .autoCreateCalendars(true)
                .build());
        log.info("Google Calendar stand-in on {}", calendar.url());
        // the schema first, so that the three services can start side by side (deletion-api's Flyway finds it applied)
        postgres.migrate(LocalPostgres.DATABASE);
        if (settings.withServices()) {
            startServices();
        }
        seedDemoData();
        describe();
    }

    public void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops everything that was started, services first; safe to call more than once. */
    public synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop(Duration.ofSeconds(30));
        }
        pidFile.clear();
        closeQuietly(calendar);
        closeQuietly(postgres);
        closeQuietly(kafka);
        stopped.countDown();
    }

    /**
     * The local profile (development token settings; nothing else activates it) and the token settings the printed
     * tokens are minted for, set explicitly so that JWT_* variables of the launcher's own environment do not leak in.
     */
    public static Map<String, String> tokenEnvironment() {
        return Map.of(
                "SPRING_PROFILES_ACTIVE",
                TokenClaims.LOCAL_PROFILE,
                "JWT_SECRET",
                TokenClaims.LOCAL_DEV_SECRET,
                "JWT_ISSUER",
                TokenClaims.LOCAL_ISSUER,
                "JWT_AUDIENCE",
                TokenClaims.LOCAL_AUDIENCE,
                "JWT_JWK_SET_URI",
                "");
    }

    private void startServices() {
        Map<String, String> environment = new HashMap<>(tokenEnvironment());
        environment.putAll(Map.of(
                "JDBC_URL",
                postgres.jdbcUrl(),
                "JDBC_USER",
                LocalPostgres.USER,
                "JDBC_PASSWORD",
                LocalPostgres.PASSWORD,
                "KAFKA_BOOTSTRAP",
                kafka.bootstrapServers(),
                "GOOGLE_CALENDAR_ROOT_URL",
                calendar.url() + "/",
                "GOOGLE_TOKEN_URL",
                calendar.url() + "/token",
                "DELETION_API_REQUESTS_SOURCES_0_SOURCE",
                DEMO_REQUEST_SOURCE,
                "DELETION_API_REQUESTS_SOURCES_0_SCOPES",
                "BLOCK,CALENDAR"));
        environment.putAll(opsDashboardEnvironment());
        List<ServiceProcess> started = List.of(
                start("deletion-api", settings.apiPort(), environment),
                start("deletion-worker", settings.workerPort(), environment),
                start("reconciler", settings.reconcilerPort(), environment));
        started.forEach(service -> service.awaitHealthy(settings.healthTimeout()));
    }

    /** The reconciler's ops dashboard calls deletion-api and deletion-worker from the browser: their URLs and CORS. */
    private Map<String, String> opsDashboardEnvironment() {
        return Map.of(
                "OPS_API_URL",
                "http://localhost:" + settings.apiPort(),
                "OPS_WORKER_URL",
                "http://localhost:" + settings.workerPort(),
                "CORS_ALLOWED_ORIGINS",
                "http://localhost:" + settings.reconcilerPort() + ",http://127.0.0.1:" + settings.reconcilerPort());
    }

    private ServiceProcess start(String name, int port, Map<String, String> environment) {
        ServiceProcess service = ServiceProcess.start(
                name,
                settings.home(),
                port,
                environment,
                settings.serviceJvmOptions(),
                settings.dataDirectory().resolve("logs"));
        services.add(service);
        pidFile.record(services.stream().map(ServiceProcess::pid).toList());
        log.info("{} starting on {} (log: {})", name, service.url(), service.log());
        return service;
    }

    private void seedDemoData() {
        try {
            DemoData.seed(postgres.dataSource(), calendar.url());
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed the demo data", e);
        }
    }

    private void describe() {
        DevTokens tokens = DevTokens.local();
        StackDescription description = new StackDescription(
                "http://localhost:" + settings.apiPort(),
                "http://localhost:" + settings.workerPort(),
                "http://localhost:" + settings.reconcilerPort(),
                kafka.bootstrapServers(),
                postgres.jdbcUrl(),
                calendar.url(),
                DemoData.OWNER_ID.toString(),
                tokens.ownerToken(DemoData.OWNER_ID, DemoData.OWNER_SESSION_ID, TOKEN_VALIDITY),
                tokens.adminToken("local-admin", TOKEN_VALIDITY));
        var file = settings.dataDirectory().resolve("stack.json");
        description.writeTo(file);
        System.out.println(description.toText(file));
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Could not stop {} cleanly: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
