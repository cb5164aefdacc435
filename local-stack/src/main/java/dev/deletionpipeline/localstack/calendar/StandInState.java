package dev.deletionpipeline.localstack.calendar;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Everything the stand-in remembers: current settings, calendars and events, who lost access to which calendar,
 * tokens, quota windows and the call log.
 * One instance per server, shared by all request threads.
 */
final class StandInState {

    final EventStore events = new EventStore();
    final CalendarAccess access = new CalendarAccess();
    final TokenRegistry tokens = new TokenRegistry();
    final MinuteQuota userQuota = new MinuteQuota();
    final MinuteQuota projectQuota = new MinuteQuota();
    final CallLog calls;
    final FaultInjector faults;

    private final CalendarStandInSettings initial;
    private final AtomicReference<CalendarStandInSettings> settings;
    private final AtomicLong batchIds = new AtomicLong();

    StandInState(CalendarStandInSettings initial) {
        this.initial = initial;
        this.settings = new AtomicReference<>(initial);
        this.calls = new CallLog(initial.callLogCapacity());
        this.faults = new FaultInjector(initial.randomSeed());
    }

    CalendarStandInSettings settings() {
        return settings.get();
    }

    Instant now() {
        return settings.get().clock().instant();
    }

    /** Applies new settings; what is fixed at start (port, threads, call log capacity, clock) is kept. */
    CalendarStandInSettings apply(CalendarStandInSettings requested) {
        CalendarStandInSettings effective = requested.toBuilder()
                .port(initial.port())
                .threads(initial.threads())
                .callLogCapacity(initial.callLogCapacity())
                .clock(initial.clock())
                .build();
        settings.set(effective);
        faults.reseed(effective.randomSeed());
        userQuota.clear();
        projectQuota.clear();
        return effective;
    }

    /** Back to the settings the server started with, with no calendars, events, tokens or calls. */
    void reset() {
        apply(initial);
        events.clear();
        access.clear();
        tokens.clear();
        calls.clear();
    }

    long nextBatchId() {
        return batchIds.incrementAndGet();
    }

    void record(ApiRequest request, ApiResponse response, Instant at, long startNanos, Long batchId) {
        calls.append(new CallRecord(
                calls.nextSequence(),
                at,
                request.method(),
                request.rawPath(),
                response.calendarId(),
                response.eventId(),
                batchId,
                response.status(),
                response.reason(),
                request.queryParameter("sendUpdates"),
                response.user(),
                System.nanoTime() - startNanos));
    }
}
