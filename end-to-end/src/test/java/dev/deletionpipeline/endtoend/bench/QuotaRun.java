package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.bench.BenchData.Owner;
import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import dev.deletionpipeline.endtoend.bench.StandInControl.QuotaCall;
import dev.deletionpipeline.endtoend.bench.TopicRecorder.Seen;
import dev.deletionpipeline.localstack.calendar.CalendarStandInSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Deletions under Google's real quotas, kept by both the stand-in and the worker (600 calls a minute per user, 10,000
 * per project): a deletion spread over many owners (one calendar each, so that each is a user of its own to the
 * stand-in), enough of them that together they want more than the project quota; alongside, one big owner's bulk; and
 * a small owner who deletes one block a second while the big owner's bulk runs. Measured:
 *
 * <ul>
 *   <li>the share of the project quota used in the window in which the spread deletion runs (from the first Google
 *       call to the spread's last call the stand-in accepted): accepted calls per minute over 10,000;
 *   <li>the share of Google calls answered 429 or 403 (rate limited) over the whole run;
 *   <li>the small owner's single deletions that fell due while the big owner's bulk ran, from {@code purgeAfter} (the
 *       soft delete's {@code ce_time} plus the services' default grace period) to their {@code HardDeleteConfirmed}
 *       received from Kafka;
 *   <li>CPU per deletion per process, and PostgreSQL's most expensive statements, from the first request to the last
 *       confirmation.
 * </ul>
 *
 * The stand-in's quotas count clock minutes (fixed windows), the worker's are token buckets refilled every second: the
 * run also shows whether the two agree.
 */
final class QuotaRun {

    static final String PHASE = "quota";
    private static final int PER_USER = CalendarStandInSettings.GOOGLE_PER_USER_QUOTA_PER_MINUTE;
    private static final int PER_PROJECT = CalendarStandInSettings.GOOGLE_PER_PROJECT_QUOTA_PER_MINUTE;
    private static final String SPREAD_CALENDAR = "bench-quota-spread-";
    private static final String BIG_CALENDAR = "bench-quota-big";
    private static final String SMALL_CALENDAR = "bench-quota-small";
    private static final Duration SMALL_OWNER_INTERVAL = Duration.ofSeconds(1);
    private static final int WARM_UP_OWNERS = 8;
    private static final int WARM_UP_PER_OWNER = 100;
    private static final Duration TIMEOUT = Duration.ofMinutes(20);
    private static final long MINUTE_MILLIS = 60_000;
    private static final long GRACE_MILLIS =
            BenchStack.Scenario.QUOTA.gracePeriod().toMillis();

    /** The report's quota keys. */
    record Result(double projectShare, double rateLimitedShare, Percentiles smallOwner, Map<String, Object> details) {}

    private final ApiClient api;
    private final StandInControl standIn;
    private final Pipeline pipeline;
    private final BenchData data;
    private final CpuPerPhase cpu;
    private final PgStatements statements;

    QuotaRun(
            ApiClient api,
            StandInControl standIn,
            Pipeline pipeline,
            BenchData data,
            CpuPerPhase cpu,
            PgStatements statements) {
        this.api = api;
        this.standIn = standIn;
        this.pipeline = pipeline;
        this.data = data;
        this.cpu = cpu;
        this.statements = statements;
    }

    Result run(BenchParameters parameters) throws Exception {
        Map<Owner, String> calendars = new LinkedHashMap<>();
        List<Target> spread = new ArrayList<>();
        for (Owner owner : data.owners(parameters.quotaOwners())) {
            String calendar = SPREAD_CALENDAR + calendars.size();
            calendars.put(owner, calendar);
            spread.addAll(data.calendars(List.of(owner), calendar, parameters.quotaBlocksPerOwner(), true));
        }
        Owner big = data.owners(1).get(0);
        calendars.put(big, BIG_CALENDAR);
        List<Target> bigBulk = data.calendars(List.of(big), BIG_CALENDAR, parameters.quotaBigOwnerBlocks(), true);
        Owner small = data.owners(1).get(0);
        // enough for one a second while the big owner's bulk runs at its own quota alone, and then some
        int smallBlocks = 2 * parameters.quotaBigOwnerBlocks() * 60 / PER_USER + 120;
        List<Target> singles = data.calendars(List.of(small), SMALL_CALENDAR, smallBlocks, true);
        List<Owner> warmUpOwners = data.owners(WARM_UP_OWNERS);
        List<Target> warmUp = data.calendars(warmUpOwners, "bench-quota-warm-up", WARM_UP_PER_OWNER, true);
        data.analyze();
        StackBenchmark.log("quota run seeded: " + spread.size() + " spread over " + parameters.quotaOwners()
                + " owners, " + bigBulk.size() + " of the big owner");
        // not measured, without quotas: the relay decodes the seeding's WAL, the JIT compiles the hot paths
        new BulkRun(api, standIn, pipeline).run(warmUpOwners, "bench-quota-warm-up", warmUp, 0);

        standIn.setLatency(parameters.googleLatencyMs());
        standIn.setQuotas(PER_USER, PER_PROJECT);
        standIn.clearCalls();
        statements.begin();
        CpuPerPhase.Reading cpuBefore = cpu.read();
        long started = System.currentTimeMillis();
        SmallOwner smallOwner = new SmallOwner(singles);
        smallOwner.start();
        DueBacklog backlog = new DueBacklog(data.dataSource());
        backlog.start();
        BulkRun.deleteCalendars(api, calendars);
        List<Object> spreadIds = ids(spread);
        pipeline.awaitConfirmed(spreadIds, TIMEOUT);
        StackBenchmark.log("quota run: the spread is confirmed");
        pipeline.awaitConfirmed(ids(bigBulk), TIMEOUT);
        List<Target> sent = smallOwner.stop();
        Map<String, Object> backlogSeen = backlog.stop();
        pipeline.awaitConfirmed(ids(sent), TIMEOUT);
        long deletions = spread.size() + bigBulk.size() + sent.size();
        StackBenchmark.log("CPU ms per deletion, " + PHASE + ": " + cpu.end(PHASE, cpuBefore, deletions));
        statements.end(PHASE, deletions);

        List<QuotaCall> calls = standIn.quotaCalls();
        long windowStart = calls.stream().mapToLong(QuotaCall::atMillis).min().orElseThrow();
        long windowEnd = calls.stream()
                .filter(c -> !c.rateLimited() && c.calendarId().startsWith(SPREAD_CALENDAR))
                .mapToLong(QuotaCall::atMillis)
                .max()
                .orElseThrow();
        long acceptedInWindow = calls.stream()
                .filter(c -> !c.rateLimited() && c.atMillis() >= windowStart && c.atMillis() <= windowEnd)
                .count();
        double windowMinutes = (windowEnd - windowStart) / (double) MINUTE_MILLIS;
        long rateLimited = calls.stream().filter(QuotaCall::rateLimited).count();

        long bigDone = lastConfirmed(bigBulk);
        List<Target> whileBigRan =
                sent.stream().filter(t -> purgeAfterMillis(t) <= bigDone).toList();
        List<Target> inWindow =
                sent.stream().filter(t -> purgeAfterMillis(t) <= windowEnd).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("google_latency_ms", parameters.googleLatencyMs());
        details.put("grace_period_s", GRACE_MILLIS / 1000);
        details.put("quota_per_user_per_minute", PER_USER);
        details.put("quota_per_project_per_minute", PER_PROJECT);
        details.put("spread_owners", parameters.quotaOwners());
        details.put("spread_blocks", spread.size());
        details.put("big_owner_blocks", bigBulk.size());
        details.put("window_s", (windowEnd - windowStart) / 1000.0);
        details.put("accepted_calls_in_window", acceptedInWindow);
        details.put("accepted_calls_per_minute_in_window", Math.round(acceptedInWindow / windowMinutes));
        details.put("accepted_per_full_clock_minute_in_window", fullMinutes(calls, windowStart, windowEnd));
        details.put("google_calls", calls.size());
        details.put("rate_limited_calls", rateLimited);
        details.put("spread_confirmed_after_s", (lastConfirmed(spread) - started) / 1000.0);
        details.put("big_owner_confirmed_after_s", (bigDone - started) / 1000.0);
        details.put("small_owner_deletes", sent.size());
        details.put("small_owner_non_202", smallOwner.refused());
        details.put("small_owner_latency_ms_in_window", latencies(inWindow));
        details.put("worker_due_backlog", backlogSeen);
        // where the small owner's deletions spent their time, and whether it changed over the run; the relay's part
        // counts only where it outlasts the grace period
        details.put(
                "small_owner_commit_to_kafka_ms",
                Percentiles.of(whileBigRan.stream()
                                .mapToDouble(t ->
                                        pipeline.softDeleted().seen(t.blockId()).receivedMillis()
                                                - pipeline.softDeleted()
                                                        .seen(t.blockId())
                                                        .ceTimeMillis())
                                .toArray())
                        .asMap());
        Map<String, Long> googleAccepted = new HashMap<>();
        calls.stream()
                .filter(c -> !c.rateLimited() && c.calendarId().equals(SMALL_CALENDAR))
                .forEach(c -> googleAccepted.merge(c.eventId(), c.atMillis(), Math::min));
        details.put(
                "small_owner_purge_after_to_google_ms",
                Percentiles.of(whileBigRan.stream()
                                .filter(t -> googleAccepted.containsKey(BenchData.eventIdOf(t.blockId())))
                                .mapToDouble(
                                        t -> googleAccepted.get(BenchData.eventIdOf(t.blockId())) - purgeAfterMillis(t))
                                .toArray())
                        .asMap());
        details.put("small_owner_latency_ms_by_30s_sent", by30Seconds(whileBigRan, started));
        return new Result(
                Math.round(1000.0 * acceptedInWindow / windowMinutes / PER_PROJECT) / 1000.0,
                Math.round(10_000.0 * rateLimited / calls.size()) / 10_000.0,
                latencies(whileBigRan),
                details);
    }

    /** The small owner's latency p50 / max per 30 s of the run, by when each deletion was sent. */
    private List<String> by30Seconds(List<Target> targets, long started) {
        Map<Long, List<Target>> slots = new TreeMap<>();
        for (Target target : targets) {
            long slot = (softDeletedMillis(target) - started) / 30_000;
            slots.computeIfAbsent(slot, s -> new ArrayList<>()).add(target);
        }
        List<String> rows = new ArrayList<>();
        slots.forEach((slot, inSlot) -> {
            Percentiles p = latencies(inSlot);
            rows.add(slot * 30 + "-" + (slot + 1) * 30 + " s: p50 " + p.p50() + " / max " + p.max() + " ms");
        });
        return rows;
    }

    /** Accepted calls of each clock minute that lies wholly in the window (the stand-in's quota counts these). */
    private static List<Long> fullMinutes(List<QuotaCall> calls, long windowStart, long windowEnd) {
        Map<Long, Long> byMinute = new TreeMap<>();
        for (QuotaCall call : calls) {
            long minute = call.atMillis() / MINUTE_MILLIS;
            if (!call.rateLimited()
                    && minute * MINUTE_MILLIS >= windowStart
                    && (minute + 1) * MINUTE_MILLIS <= windowEnd) {
                byMinute.merge(minute, 1L, Long::sum);
            }
        }
        return List.copyOf(byMinute.values());
    }

    /** From {@code purgeAfter} to the confirmation's receipt. */
    private Percentiles latencies(List<Target> targets) {
        return Percentiles.of(targets.stream()
                .mapToDouble(t -> pipeline.confirmed().seen(t.blockId()).receivedMillis() - purgeAfterMillis(t))
                .toArray());
    }

    /** The soft delete's {@code ce_time} plus the grace period, as the API computes {@code purgeAfter}. */
    private long purgeAfterMillis(Target target) {
        long softDeleted = softDeletedMillis(target);
        return softDeleted == Long.MAX_VALUE ? softDeleted : softDeleted + GRACE_MILLIS;
    }

    private long softDeletedMillis(Target target) {
        Seen seen = pipeline.softDeleted().seen(target.blockId());
        return seen == null ? Long.MAX_VALUE : (long) seen.ceTimeMillis();
    }

    private long lastConfirmed(List<Target> targets) {
        return targets.stream()
                .mapToLong(t -> pipeline.confirmed().seen(t.blockId()).receivedMillis())
                .max()
                .orElseThrow();
    }

    private static List<Object> ids(List<Target> targets) {
        return targets.stream().map(t -> (Object) t.blockId()).toList();
    }

    /**
     * Samples the worker's backlog of due tasks every 5 s: how many are due and how long the oldest has been due. A
     * task the worker picks oldest-due first waits behind this backlog. Each sample reads the due tasks (about 0.1 s of
     * PostgreSQL when 10,000 are due), which the CPU table counts.
     */
    private static final class DueBacklog {

        private final DataSource dataSource;
        private final List<Double> due = new ArrayList<>();
        private final List<Double> oldestSeconds = new ArrayList<>();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        DueBacklog(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        void start() {
            timer.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
        }

        private void sample() {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement query = connection.prepareStatement(
                            "select count(*), coalesce(extract(epoch from now() - min(due_at)), 0)"
                                    + " from deletion_tasks where due_at <= now()");
                    ResultSet row = query.executeQuery()) {
                row.next();
                synchronized (this) {
                    due.add((double) row.getLong(1));
                    oldestSeconds.add(row.getDouble(2));
                }
            } catch (SQLException e) {
                StackBenchmark.log("backlog sample failed: " + e);
            }
        }

        /** Percentiles of the samples: due tasks, and the oldest due task's wait in seconds. */
        synchronized Map<String, Object> stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(1, TimeUnit.MINUTES);
            Map<String, Object> seen = new LinkedHashMap<>();
            seen.put(
                    "due_tasks",
                    Percentiles.of(due.stream().mapToDouble(Double::doubleValue).toArray())
                            .asMap());
            seen.put(
                    "oldest_due_s",
                    Percentiles.of(oldestSeconds.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray())
                            .asMap());
            return seen;
        }
    }

    /** Deletes one block a second through {@code DELETE /v1/blocks/{id}}, on a thread of its own, until stopped. */
    private final class SmallOwner {

        private final List<Target> blocks;
        private final ConcurrentLinkedQueue<Target> accepted = new ConcurrentLinkedQueue<>();
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        SmallOwner(List<Target> blocks) {
            this.blocks = blocks;
        }

        void start() {
            timer.scheduleAtFixedRate(this::deleteOne, 0, SMALL_OWNER_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void deleteOne() {
            int index = next.getAndIncrement();
            if (index >= blocks.size()) {
                return;
            }
            try {
                if (api.delete(blocks.get(index)) == 202) {
                    accepted.add(blocks.get(index));
                } else {
                    refused.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops deleting; the blocks whose deletion was accepted. */
        List<Target> stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(1, TimeUnit.MINUTES);
            return List.copyOf(accepted);
        }

        int refused() {
            return refused.get();
        }
    }
}
