package dev.deletionpipeline.endtoend;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A client that keeps reading deletion-api while faults are injected, to catch server errors: an API that is down
 * (connection refused while it restarts) is expected, a 5xx answer is not — except while its database is restarting,
 * which the suite declares with {@link #databaseOutage}.
 */
final class ApiProbe implements AutoCloseable {

    /** One 5xx answer and whether it came while the database was away. */
    record ServerError(Instant at, int status, String path, boolean duringDatabaseOutage) {}

    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final List<ServerError> serverErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger unreachable = new AtomicInteger();
    private volatile boolean databaseOutage;

    /** Every interval, GETs the path the supplier gives (it may change, e.g. to the latest deletion) with the token. */
    ApiProbe(RestClient api, String token, Supplier<String> path, Duration interval) {
        schedule.scheduleWithFixedDelay(
                () -> probe(api, token, path.get()), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Records an answer of a call the suite made itself (e.g. a bulk deletion request). */
    void record(String path, int status) {
        answers.incrementAndGet();
        if (status >= 500) {
            serverErrors.add(new ServerError(Instant.now(), status, path, databaseOutage));
        }
    }

    void databaseOutage(boolean ongoing) {
        databaseOutage = ongoing;
    }

    /** 5xx answers that no declared outage explains. */
    List<ServerError> unexpectedServerErrors() {
        return serverErrors.stream().filter(e -> !e.duringDatabaseOutage()).toList();
    }

    List<ServerError> serverErrors() {
        return List.copyOf(serverErrors);
    }

    int answers() {
        return answers.get();
    }

    int unreachable() {
        return unreachable.get();
    }

    private void probe(RestClient api, String token, String path) {
        try {
            record(path, api.get(path, token).status());
        } catch (RuntimeException down) {
            // connection refused or timed out: the API is restarting
            unreachable.incrementAndGet();
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
