package dev.deletionpipeline.localstack.calendar;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How the Google Calendar stand-in behaves. Everything that makes it misbehave (latency, faults, quotas, auth) is off
 * by default, so a plain {@code CalendarStandIn.start(CalendarStandInSettings.defaults())} answers every call at once.
 *
 * <p>{@code port}, {@code threads}, {@code callLogCapacity} and {@code clock} are fixed at start; every other field can
 * be changed while the server runs ({@link CalendarStandIn#updateSettings} or {@code PUT /_standin/settings}).
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one
 * @param threads size of the fixed pool that serves HTTP requests
 * @param latency added to every answer of the Google API (calendar, batch, token), without holding a thread
 * @param latencyJitter uniformly random extra latency in {@code [0, latencyJitter)}
 * @param faultRates HTTP status to probability that a calendar call (also each part of a batch) fails with it, with
 *     Google's body for that status; the sum must not exceed 1
 * @param calendarFaults calendar id to the error every call to that calendar gets (also each part of a batch), e.g. a
 *     403 {@code insufficientPermissions}; checked after auth and quotas, before {@code faultRates}
 * @param eventFaults event id to the error every call to that event gets; wins over {@code calendarFaults}
 * @param perUserQuotaPerMinute calls per user (bearer user, else calendar id) per clock minute; 0 = unlimited. Google's
 *     default is {@value #GOOGLE_PER_USER_QUOTA_PER_MINUTE}
 * @param perProjectQuotaPerMinute calls per clock minute for everyone together, answered 429 with Retry-After when
 *     exceeded; 0 = unlimited. Google's default is {@value #GOOGLE_PER_PROJECT_QUOTA_PER_MINUTE}
 * @param userQuotaResponse how an exceeded per-user quota is answered
 * @param authMode whether calendar calls need a bearer token
 * @param autoCreateCalendars whether inserting an event into an unknown calendar creates it (else 404)
 * @param randomSeed seed of the one random source behind faults and jitter; the source is re-seeded on every change
 *     of settings, so a single-threaded run is repeatable
 * @param callLogCapacity the call log keeps this many most recent calls
 * @param clock the time of timestamps, token expiry and quota minutes
 */
public record CalendarStandInSettings(
        int port,
        int threads,
        Duration latency,
        Duration latencyJitter,
        Map<Integer, Double> faultRates,
        Map<String, InjectedFault> calendarFaults,
        Map<String, InjectedFault> eventFaults,
        int perUserQuotaPerMinute,
        int perProjectQuotaPerMinute,
        UserQuotaResponse userQuotaResponse,
        AuthMode authMode,
        boolean autoCreateCalendars,
        long randomSeed,
        int callLogCapacity,
        Clock clock) {

    public static final int GOOGLE_PER_USER_QUOTA_PER_MINUTE = 600;
    public static final int GOOGLE_PER_PROJECT_QUOTA_PER_MINUTE = 10_000;

    public CalendarStandInSettings {
        require(port >= 0 && port <= 65_535, "port must be 0..65535");
        require(threads > 0, "threads must be positive");
        require(!latency.isNegative() && !latencyJitter.isNegative(), "latency must not be negative");
        require(perUserQuotaPerMinute >= 0 && perProjectQuotaPerMinute >= 0, "quotas must not be negative");
        require(callLogCapacity > 0, "callLogCapacity must be positive");
        Objects.requireNonNull(userQuotaResponse, "userQuotaResponse");
        Objects.requireNonNull(authMode, "authMode");
        Objects.requireNonNull(clock, "clock");
        faultRates = Collections.unmodifiableMap(new TreeMap<>(faultRates));
        calendarFaults = Collections.unmodifiableMap(new TreeMap<>(calendarFaults));
        eventFaults = Collections.unmodifiableMap(new TreeMap<>(eventFaults));
        double sum = 0;
        for (Map.Entry<Integer, Double> rate : faultRates.entrySet()) {
            require(rate.getKey() >= 400 && rate.getKey() <= 599, "fault status must be 4xx or 5xx");
            require(rate.getValue() >= 0 && rate.getValue() <= 1, "fault rate must be 0..1");
            sum += rate.getValue();
        }
        require(sum <= 1.0 + 1e-9, "fault rates must not add up to more than 1");
    }

    /** Any port, 32 threads, no latency, no faults, no quotas, no auth, calendars created on insert. */
    public static CalendarStandInSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .threads(threads)
                .latency(latency)
                .latencyJitter(latencyJitter)
                .faultRates(faultRates)
                .calendarFaults(calendarFaults)
                .eventFaults(eventFaults)
                .perUserQuotaPerMinute(perUserQuotaPerMinute)
                .perProjectQuotaPerMinute(perProjectQuotaPerMinute)
                .userQuotaResponse(userQuotaResponse)
                .authMode(authMode)
                .autoCreateCalendars(autoCreateCalendars)
                .randomSeed(randomSeed)
                .callLogCapacity(callLogCapacity)
                .clock(clock);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Mutable builder; starts from the defaults. */
    public static final class Builder {
        private int port;
        private int threads = 32;
        private Duration latency = Duration.ZERO;
        private Duration latencyJitter = Duration.ZERO;
        private Map<Integer, Double> faultRates = new TreeMap<>();
        private Map<String, InjectedFault> calendarFaults = new TreeMap<>();
        private Map<String, InjectedFault> eventFaults = new TreeMap<>();
        private int perUserQuotaPerMinute;
        private int perProjectQuotaPerMinute;
        private UserQuotaResponse userQuotaResponse = UserQuotaResponse.FORBIDDEN_USER_RATE_LIMIT_EXCEEDED;
        private AuthMode authMode = AuthMode.NONE;
        private boolean autoCreateCalendars = true;
        private long randomSeed = 42L;
        private int callLogCapacity = 1_000_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        public Builder latency(Duration latency) {
            this.latency = Objects.requireNonNull(latency);
            return this;
        }

        public Builder latencyJitter(Duration latencyJitter) {
            this.latencyJitter = Objects.requireNonNull(latencyJitter);
            return this;
        }

        /** Replaces all fault rates. */
        public Builder faultRates(Map<Integer, Double> faultRates) {
            this.faultRates = new TreeMap<>(faultRates);
            return this;
        }

        /** Sets one status's fault probability; 0 removes it. */
        public Builder faultRate(int status, double probability) {
            if (probability == 0) {
                faultRates.remove(status);
            } else {
                faultRates.put(status, probability);
            }
            return this;
        }

        /** Replaces all calendar faults. */
        public Builder calendarFaults(Map<String, InjectedFault> calendarFaults) {
            this.calendarFaults = new TreeMap<>(calendarFaults);
            return this;
        }

        /** Every call to this calendar fails with the fault; null removes it. */
        public Builder calendarFault(String calendarId, InjectedFault fault) {
            if (fault == null) {
                calendarFaults.remove(calendarId);
            } else {
                calendarFaults.put(calendarId, fault);
            }
            return this;
        }

        /** Replaces all event faults. */
        public Builder eventFaults(Map<String, InjectedFault> eventFaults) {
            this.eventFaults = new TreeMap<>(eventFaults);
            return this;
        }

        /** Every call to this event fails with the fault; null removes it. */
        public Builder eventFault(String eventId, InjectedFault fault) {
            if (fault == null) {
                eventFaults.remove(eventId);
            } else {
                eventFaults.put(eventId, fault);
            }
            return this;
        }

        /** No random, calendar or event faults. */
        public Builder noFaults() {
            faultRates.clear();
            calendarFaults.clear();
            eventFaults.clear();
            return this;
        }

        public Builder perUserQuotaPerMinute(int perUserQuotaPerMinute) {
            this.perUserQuotaPerMinute = perUserQuotaPerMinute;
            return this;
        }

        public Builder perProjectQuotaPerMinute(int perProjectQuotaPerMinute) {
            this.perProjectQuotaPerMinute = perProjectQuotaPerMinute;
            return this;
        }

        /** Google's default quotas: 600 per user and 10,000 per project per minute. */
        public Builder googleDefaultQuotas() {
            return perUserQuotaPerMinute(GOOGLE_PER_USER_QUOTA_PER_MINUTE)
                    .perProjectQuotaPerMinute(GOOGLE_PER_PROJECT_QUOTA_PER_MINUTE);
        }

        public Builder userQuotaResponse(UserQuotaResponse userQuotaResponse) {
            this.userQuotaResponse = userQuotaResponse;
            return this;
        }

        public Builder authMode(AuthMode authMode) {
            this.authMode = authMode;
            return this;
        }

        public Builder autoCreateCalendars(boolean autoCreateCalendars) {
            this.autoCreateCalendars = autoCreateCalendars;
            return this;
        }

        public Builder randomSeed(long randomSeed) {
            this.randomSeed = randomSeed;
            return this;
        }

        public Builder callLogCapacity(int callLogCapacity) {
            this.callLogCapacity = callLogCapacity;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public CalendarStandInSettings build() {
            return new CalendarStandInSettings(
                    port,
                    threads,
                    latency,
                    latencyJitter,
                    faultRates,
                    calendarFaults,
                    eventFaults,
                    perUserQuotaPerMinute,
                    perProjectQuotaPerMinute,
                    userQuotaResponse,
                    authMode,
                    autoCreateCalendars,
                    randomSeed,
                    callLogCapacity,
                    clock);
        }
    }
}
