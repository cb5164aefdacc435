package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.LocalStackProcess;
import dev.deletionpipeline.endtoend.StackEndpoints;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local stack as the benchmark runs it: the launcher's executable jar with the services as its child processes
 * (default JVM options), on a fresh data directory, without confirmation of big bulk deletions, and with the settings
 * of its scenario. Everything else is the services' {@code application.yml} default.
 */
final class BenchStack implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(6);
    private static final String NO_LIMIT = "100000000";

    /** The settings a scenario's stack differs in. */
    enum Scenario {
        // nothing in the way: no grace period (a delete is due at once; allowed by the local profile), the worker's
        // rate limiter raised (the stand-in keeps no quota unless asked)
        THROUGHPUT(Duration.ZERO, false),
        // as deployed: the services' default grace period (a production start refuses 0), within which a bulk's soft
        // deletes cross the relay; the worker keeps Google's real quotas (600 calls per owner and 10,000 per project a
        // minute)
        QUOTA(Duration.ofSeconds(30), true);

        private final Duration gracePeriod;
        private final boolean googleQuotas;

        Scenario(Duration gracePeriod, boolean googleQuotas) {
            this.gracePeriod = gracePeriod;
            this.googleQuotas = googleQuotas;
        }

        Duration gracePeriod() {
            return gracePeriod;
        }
    }

    private final LocalStackProcess process;
    private final StackEndpoints endpoints;
    private final Path dataDirectory;

    private BenchStack(LocalStackProcess process, StackEndpoints endpoints, Path dataDirectory) {
        this.process = process;
        this.endpoints = endpoints;
        this.dataDirectory = dataDirectory;
    }

    static BenchStack start(Path dataDirectory, Scenario scenario) {
        LocalStackProcess.deleteDataDirectory(dataDirectory);
        LocalStackProcess process = LocalStackProcess.start(dataDirectory, settings(dataDirectory, scenario));
        try {
            return new BenchStack(process, StackEndpoints.of(process.awaitDescription(STARTUP)), dataDirectory);
        } catch (RuntimeException | Error e) {
            // an Error too (e.g. a class the benchmark's JVM can no longer load): else the stack runs on without it and
            // loads the machine for the runs after
            process.close();
            throw e;
        }
    }

    /** Spring settings in environment form, inherited by the services from the launcher. */
    private static Map<String, String> settings(Path dataDirectory, Scenario scenario) {
        boolean google = scenario.googleQuotas;
        return Map.of(
                "SPRING_PROFILES_ACTIVE",
                "local",
                "DELETION_API_BLOCKS_GRACEPERIOD",
                scenario.gracePeriod.toSeconds() + "s",
                // the big bulk deletions measure the pipeline, not the confirmation of a 428 answer
                "DELETION_API_DELETIONS_CONFIRMATIONTHRESHOLD",
                NO_LIMIT,
                "DELETION_WORKER_RATELIMIT_PEROWNERPERMINUTE",
                google ? Integer.toString(CalendarStandInSettings.GOOGLE_PER_USER_QUOTA_PER_MINUTE) : NO_LIMIT,
                "DELETION_WORKER_RATELIMIT_PERPROJECTPERMINUTE",
                google ? Integer.toString(CalendarStandInSettings.GOOGLE_PER_PROJECT_QUOTA_PER_MINUTE) : NO_LIMIT,
                "RECONCILER_STATE_DIR",
                dataDirectory.resolve("reconciler-state").toString());
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    LocalStackProcess process() {
        return process;
    }

    /** The embedded PostgreSQL's files, where its {@code postmaster.pid} is. */
    Path postgresDirectory() {
        return dataDirectory.resolve("postgres");
    }

    @Override
    public void close() throws Exception {
        try {
            process.stopAndWait(Duration.ofSeconds(90));
        } finally {
            process.close();
        }
    }
}
