package dev.deletionpipeline.worker.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.deletionpipeline.settings.PositiveDuration;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter.AtomicRateLimiterMetrics;
import jakarta.validation.constraints.Positive;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Keeps Google calls within the per-owner and per-project quotas with resilience4j rate limiters, without ever making
 * a thread wait: a call without a permit is deferred to when one is expected. After a rate-limit answer the owner
 * pauses (Retry-After, else doubling from {@code initial-slow-down}), so a storm on one owner is not hammered, while
 * other owners keep their own permits.
 *
 * <p>An owner's limiter and pause are kept only for owners seen lately, so that they do not grow by one entry per owner
 * ever seen: an owner idle for longer than {@code owner-idle-eviction} (counted from the end of its pause, if it is
 * paused) is forgotten, and at most {@code max-tracked-owners} are kept. A forgotten owner starts again with a full
 * limiter, which is what its old one would have after that long. Time comes from the injected clock.
 */
@Component
public class QuotaGate {

    /**
     * A per-minute quota as a token bucket refilled every period, so calls spread over the minute instead of bursting at
     * its start. Google counts a minute however it falls against the bucket's periods, and any minute touches one
     * period more than fit in it (60 periods of 1 s, and the 61st's start): so a minute's quota is shared by one period
     * more than it holds, or the bucket would hand out more than the quota in some minute and Google would refuse the
     * excess. 600/min with a 1 s period: 9 permits a second (540 a minute); 10,000/min: 163 (9,780). Quotas under one
     * per such period get a longer period, one permit each.
     */
    record LimiterShape(int permitsPerPeriod, Duration period) {

        private static final Duration MINUTE = Duration.ofMinutes(1);

        static LimiterShape of(int perMinute, Duration refreshPeriod) {
            if (perMinute <= 0) {
                throw new IllegalArgumentException("a rate limit must be positive");
            }
            long periodsTouchingAMinute = ceilDiv(MINUTE.toNanos(), refreshPeriod.toNanos()) + 1;
            long permits = perMinute / periodsTouchingAMinute;
            if (permits >= 1) {
                return new LimiterShape((int) permits, refreshPeriod);
            }
            // one permit per period, so long that a minute touches at most perMinute periods (two for a quota of one)
            return new LimiterShape(1, Duration.ofNanos(ceilDiv(MINUTE.toNanos(), Math.max(1, perMinute - 1))));
        }

        /** When the {@code index}-th (0-based) of the calls that found no permit now may expect one. */
        Duration waitFor(int index) {
            return period.multipliedBy(1L + index / permitsPerPeriod);
        }

        private static long ceilDiv(long dividend, long divisor) {
            return -Math.floorDiv(-dividend, divisor);
        }
    }

    /** How many calls an owner may make now and, for each one that must wait, when to try again, in order. */
    public record Grant(int granted, List<Instant> deferredUntil) {}

    /**
     * What a pick may take now so that the quotas admit all of it: at most {@code calls} tasks synced to Google (the
     * project's permits left), at most {@code perOwner} of one owner (an owner's permits per period) and none of the
     * {@code resting} owners' (no permit left, or paused by Google). A task picked beyond that would only be deferred
     * again, a write, and picked again later. {@code nextPermitIn}: when the project or a resting owner next gets a
     * permit (zero when nothing rests).
     */
    public record PickBudget(int calls, int perOwner, Set<UUID> resting, Duration nextPermitIn) {

        /** Whether the quotas hold back some due work now, so that a pick finding nothing is not a sign of idleness. */
        public boolean holdsBack() {
            return calls == 0 || !resting.isEmpty();
        }
    }

    /** {@code deletion.worker.rate-limit.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.rate-limit")
    public record RateLimitSettings(
            @Positive int perOwnerPerMinute,
            @Positive int perProjectPerMinute,
            @PositiveDuration Duration refreshPeriod,
            @PositiveDuration Duration initialSlowDown,
            @PositiveDuration Duration maxSlowDown,
            @PositiveDuration Duration ownerIdleEviction,
            @Positive int maxTrackedOwners) {}

    /** An owner's limiter and, when Google asked it to slow down, its pause; replaced whole on every change. */
    private record OwnerLimit(AtomicRateLimiter limiter, Pause pause) {}

    private record Pause(Instant until, int strikes) {}

    private final Cache<UUID, OwnerLimit> owners;
    private final AtomicRateLimiter project;
    private final LimiterShape ownerShape;
    private final LimiterShape projectShape;
    private final RateLimitSettings settings;

    public QuotaGate(RateLimitSettings settings, Clock clock) {
        this.settings = settings;
        this.ownerShape = LimiterShape.of(settings.perOwnerPerMinute(), settings.refreshPeriod());
        this.projectShape = LimiterShape.of(settings.perProjectPerMinute(), settings.refreshPeriod());
        if (settings.ownerIdleEviction().compareTo(ownerShape.period()) < 0 || settings.maxTrackedOwners() < 1) {
            // forgetting an owner within its limiter's period would hand it a second period's permits
            throw new IllegalArgumentException("deletion.worker.rate-limit.owner-idle-eviction must be at least "
                    + ownerShape.period() + " and max-tracked-owners positive");
        }
        this.owners = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.accessing((UUID ownerId, OwnerLimit owner) ->
                        settings.ownerIdleEviction().plus(pauseLeft(owner, clock.instant()))))
                .maximumSize(settings.maxTrackedOwners())
                // evict on the calling thread: no pool thread of its own, and deterministic in tests
                .executor(Runnable::run)
                .build();
        this.project = new AtomicRateLimiter("google-project", config(projectShape));
    }

    /**
     * Admits one round's calls, owner by owner, those who want the fewest first: when the project's permits run out
     * within a round, an owner's single deletion is not the one left waiting behind other owners' bulks. Calls the
     * project has no permit for are deferred in turn across the round (to the project's next permits, one after the
     * other) rather than every owner's to the same next period, where they would all be picked again at once.
     *
     * @return each owner's grant
     */
    public Map<UUID, Grant> admitRound(Map<UUID, Integer> wantedByOwner, Instant now) {
        List<Map.Entry<UUID, Integer>> fewestFirst = new ArrayList<>(wantedByOwner.entrySet());
        fewestFirst.sort(Map.Entry.comparingByValue());
        Map<UUID, Grant> grants = new LinkedHashMap<>();
        int projectQueue = 0;
        for (Map.Entry<UUID, Integer> owner : fewestFirst) {
            Admitted admitted = admit(owner.getKey(), owner.getValue(), now, projectQueue);
            if (admitted.projectBound()) {
                projectQueue += admitted.grant().deferredUntil().size();
            }
            grants.put(owner.getKey(), admitted.grant());
        }
        return grants;
    }

    /** A grant, and whether the project's quota (rather than the owner's) cut it short. */
    private record Admitted(Grant grant, boolean projectBound) {}

    /** @param projectQueue calls of this round the project deferred already: this owner's go after them */
    private Admitted admit(UUID ownerId, int wanted, Instant now, int projectQueue) {
        OwnerLimit owner = owners.get(ownerId, this::fresh);
        Pause pause = owner.pause();
        if (pause != null && pause.until().isAfter(now)) {
            return new Admitted(new Grant(0, Collections.nCopies(wanted, pause.until())), false);
        }
        int granted = 0;
        while (granted < wanted && owner.limiter().acquirePermission()) {
            if (!project.acquirePermission()) {
                return new Admitted(partial(granted, wanted, now, projectShape, projectQueue), true);
            }
            granted++;
        }
        return new Admitted(partial(granted, wanted, now, ownerShape, 0), false);
    }

    public PickBudget pickBudget(Instant now) {
        Set<UUID> resting = new HashSet<>();
        List<Duration> permitsIn = new ArrayList<>();
        owners.asMap().forEach((ownerId, owner) -> {
            Duration paused = pauseLeft(owner, now);
            AtomicRateLimiterMetrics limiter = owner.limiter().getDetailedMetrics();
            if (!paused.isZero()) {
                resting.add(ownerId);
                permitsIn.add(paused);
            } else if (limiter.getAvailablePermissions() <= 0) {
                resting.add(ownerId);
                permitsIn.add(Duration.ofNanos(limiter.getNanosToWait()));
            }
        });
        int calls = Math.max(0, project.getMetrics().getAvailablePermissions());
        if (calls == 0) {
            permitsIn.add(Duration.ofNanos(project.getDetailedMetrics().getNanosToWait()));
        }
        return new PickBudget(
                calls,
                ownerShape.permitsPerPeriod(),
                Set.copyOf(resting),
                permitsIn.stream().min(Duration::compareTo).orElse(Duration.ZERO));
    }

    /** Google said slow down for this owner. */
    public void rateLimited(UUID ownerId, Duration retryAfter, Instant now) {
        owners.asMap().compute(ownerId, (id, current) -> {
            OwnerLimit owner = current == null ? fresh(id) : current;
            Pause previous = owner.pause();
            int strikes = previous == null ? 1 : previous.strikes() + 1;
            Duration doubled = settings.initialSlowDown().multipliedBy(1L << Math.min(strikes - 1, 20));
            Duration backOff = Collections.min(List.of(doubled, settings.maxSlowDown()));
            Duration wait = retryAfter != null && retryAfter.compareTo(backOff) > 0 ? retryAfter : backOff;
            return new OwnerLimit(owner.limiter(), new Pause(now.plus(wait), strikes));
        });
    }

    /** A call for this owner went through: the storm, if there was one, is over. */
    public void succeeded(UUID ownerId) {
        owners.asMap()
                .computeIfPresent(
                        ownerId, (id, owner) -> owner.pause() == null ? owner : new OwnerLimit(owner.limiter(), null));
    }

    /** Owners whose limiter and pause are kept now; the others were idle too long (or too many). */
    long trackedOwners() {
        owners.cleanUp();
        return owners.estimatedSize();
    }

    private OwnerLimit fresh(UUID ownerId) {
        return new OwnerLimit(new AtomicRateLimiter("google-owner-" + ownerId, config(ownerShape)), null);
    }

    private static Duration pauseLeft(OwnerLimit owner, Instant now) {
        boolean paused = owner.pause() != null && owner.pause().until().isAfter(now);
        return paused ? Duration.between(now, owner.pause().until()) : Duration.ZERO;
    }

    /** @param queued calls deferred by the same limiter before these, in this round */
    private static Grant partial(int granted, int wanted, Instant now, LimiterShape shape, int queued) {
        return new Grant(
                granted,
                IntStream.range(0, wanted - granted)
                        .mapToObj(i -> now.plus(shape.waitFor(queued + i)))
                        .toList());
    }

    private static RateLimiterConfig config(LimiterShape shape) {
        return RateLimiterConfig.custom()
                .limitForPeriod(shape.permitsPerPeriod())
                .limitRefreshPeriod(shape.period())
                .timeoutDuration(Duration.ZERO)
                .build();
    }
}
