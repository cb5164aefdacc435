package dev.deletionpipeline.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.worker.calendar.GoogleAnswer;
import dev.deletionpipeline.worker.failure.FailureHandler.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final RetryPolicy policy =
            new RetryPolicy(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 0.2, Duration.ofMinutes(10));

    @Test
    void backOffGrowsExponentiallyUpToTheCap() {
        assertThat(policy.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(10, 0.5)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsTheWaitWithinItsFraction() {
        assertThat(policy.backoff(2, 0.0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(policy.backoff(2, 0.999)).isBetween(Duration.ofMillis(2390), Duration.ofMillis(2400));
    }

    @Test
    void retryAfterIsHonouredWhenLongerThanTheBackOff() {
        GoogleAnswer answer = GoogleAnswer.classify(429, "rateLimitExceeded", "45", null, NOW);

        RetryPolicy.Decision decision = policy.decide(1, answer, NOW, 0.5);

        assertThat(decision.givesUp()).isFalse();
        assertThat(decision.retryAt()).isEqualTo(NOW.plusSeconds(45));
    }

    @Test
    void retryAfterIsCutToItsMaximum() {
        GoogleAnswer answer = GoogleAnswer.classify(503, null, "86400", null, NOW);

        assertThat(policy.decide(1, answer, NOW, 0.5).retryAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void retryableFailuresAreRetriedUntilTheAttemptsAreUsedUp() {
        GoogleAnswer unavailable = GoogleAnswer.classify(503, "backendError", null, null, NOW);

        assertThat(policy.decide(4, unavailable, NOW, 0.5).givesUp()).isFalse();
        RetryPolicy.Decision last = policy.decide(5, unavailable, NOW, 0.5);
        assertThat(last.givesUp()).isTrue();
        assertThat(last.reason()).isEqualTo("GOOGLE_RETRIES_EXHAUSTED");
        assertThat(last.detail()).contains("GOOGLE_503_UNAVAILABLE");
    }

    @Test
    void rejectedAnswersAreGivenUpAtOnceWithTheirReason() {
        RetryPolicy.Decision forbidden =
                policy.decide(1, GoogleAnswer.classify(403, "forbidden", null, null, NOW), NOW, 0.5);
        RetryPolicy.Decision badRequest =
                policy.decide(1, GoogleAnswer.classify(400, "badRequest", null, null, NOW), NOW, 0.5);

        assertThat(forbidden.givesUp()).isTrue();
        assertThat(forbidden.reason()).isEqualTo("GOOGLE_403_FORBIDDEN");
        assertThat(badRequest.reason()).isEqualTo("GOOGLE_400_BAD_REQUEST");
    }

    @Test
    void rateLimitedAnswersAreRetried() {
        GoogleAnswer userLimit = GoogleAnswer.classify(403, "userRateLimitExceeded", null, null, NOW);

        assertThat(policy.decide(1, userLimit, NOW, 0.5).givesUp()).isFalse();
    }
}
