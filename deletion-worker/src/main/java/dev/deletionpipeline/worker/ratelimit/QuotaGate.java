package dev.deletionpipeline.worker.ratelimit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Keeps Google calls within the per-owner and per-project quotas with resilience4j rate limiters, without ever making
 * a thread wait: a call without a permit is deferred to when one is expected. After a rate-limit answer the owner
 * pauses (Retry-After, else doubling from {@code initial-slow-down}), so a storm on one owner is not hammered, while
 * other owners keep their own permits.
 */
@Component
public class QuotaGate {

    private final RateLimiterRegistry owners;
    private final RateLimiter project;
    private final LimiterShape ownerShape;
    private final LimiterShape projectShape;
    private final RateLimitSettings settings;
    private final ConcurrentHashMap<UUID, Pause> pauses = new ConcurrentHashMap<>();

    private record Pause(Instant until, int strikes) {}

    public QuotaGate(RateLimitSettings settings) {
        this.settings = settings;
        this.ownerShape = LimiterShape.of(settings.perOwnerPerMinute(), settings.refreshPeriod());
        this.projectShape = LimiterShape.of(settings.perProjectPerMinute(), settings.refreshPeriod());
        this.owners = RateLimiterRegistry.of(config(ownerShape));
        this.project = RateLimiter.of("google-project", config(projectShape));
    }

    /** How many of {@code wanted} calls for this owner may go now; the rest get a time to try again. */
    public Grant admit(UUID ownerId, int wanted, Instant now) {
        Pause pause = pauses.get(ownerId);
        if (pause != null && pause.until().isAfter(now)) {
            return deferAll(wanted, pause.until());
        }
        RateLimiter owner = owners.rateLimiter(ownerId.toString());
        int granted = 0;
        while (granted < wanted && owner.acquirePermission()) {
            if (!project.acquirePermission()) {
                return partial(granted, wanted, now, projectShape);
            }
            granted++;
        }
        return partial(granted, wanted, now, ownerShape);
    }

    /** Google said slow down for this owner. */
    public void rateLimited(UUID ownerId, Duration retryAfter, Instant now) {
        pauses.compute(ownerId, (id, previous) -> {
            int strikes = previous == null ? 1 : previous.strikes() + 1;
            Duration backOff = settings.initialSlowDown().multipliedBy(1L << Math.min(strikes - 1, 20));
            if (backOff.compareTo(settings.maxSlowDown()) > 0) {
                backOff = settings.maxSlowDown();
            }
            Duration wait = retryAfter != null && retryAfter.compareTo(backOff) > 0 ? retryAfter : backOff;
            return new Pause(now.plus(wait), strikes);
        });
    }

    /** A call for this owner went through: the storm, if there was one, is over. */
    public void succeeded(UUID ownerId) {
        pauses.remove(ownerId);
    }

    private static Grant deferAll(int wanted, Instant until) {
        List<Instant> deferred = new ArrayList<>(wanted);
        for (int i = 0; i < wanted; i++) {
            deferred.add(until);
        }
        return new Grant(0, deferred);
    }

    private static Grant partial(int granted, int wanted, Instant now, LimiterShape shape) {
        List<Instant> deferred = new ArrayList<>(wanted - granted);
        for (int i = 0; i < wanted - granted; i++) {
            deferred.add(now.plus(shape.waitFor(i)));
        }
        return new Grant(granted, deferred);
    }

    private static RateLimiterConfig config(LimiterShape shape) {
        return RateLimiterConfig.custom()
                .limitForPeriod(shape.permitsPerPeriod())
                .limitRefreshPeriod(shape.period())
                .timeoutDuration(Duration.ZERO)
                .build();
    }
}
