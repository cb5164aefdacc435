package dev.deletionpipeline.worker.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.CredentialException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoogleAnswerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            nullValues = "null",
            value = {
                "204, null, DELETED",
                "200, null, DELETED",
                "404, notFound, ALREADY_GONE",
                "410, deleted, ALREADY_GONE",
                "429, rateLimitExceeded, RATE_LIMITED",
                "429, null, RATE_LIMITED",
                "403, rateLimitExceeded, RATE_LIMITED",
                "403, userRateLimitExceeded, RATE_LIMITED",
                "403, forbidden, REJECTED",
                "403, quotaExceeded, REJECTED",
                "403, null, REJECTED",
                "400, badRequest, REJECTED",
                "409, duplicate, REJECTED",
                "401, authError, UNAUTHORIZED",
                "500, backendError, RETRY",
                "502, null, RETRY",
                "503, backendError, RETRY",
                "504, null, RETRY",
                "408, null, RETRY"
            })
    void everyGoogleAnswerIsClassifiedAsTheIssueDemands(int status, String reason, Verdict expected) {
        assertThat(GoogleAnswer.classify(status, reason, null, null, NOW).verdict())
                .isEqualTo(expected);
    }

    @Test
    void successAndAlreadyGoneAreBothGoneAndNeitherIsRetried() {
        assertThat(GoogleAnswer.classify(204, null, null, null, NOW).gone()).isTrue();
        assertThat(GoogleAnswer.classify(404, "notFound", null, null, NOW).gone())
                .isTrue();
        assertThat(GoogleAnswer.classify(410, "deleted", null, null, NOW).gone())
                .isTrue();
        assertThat(GoogleAnswer.classify(410, "deleted", null, null, NOW).retryable())
                .isFalse();
    }

    @Test
    void rejectedAnswersNameTheirDeadLetterReason() {
        assertThat(GoogleAnswer.classify(400, "badRequest", null, "Bad", NOW).failureReason())
                .isEqualTo("GOOGLE_400_BAD_REQUEST");
        assertThat(GoogleAnswer.classify(403, "forbidden", null, "No", NOW).failureReason())
                .isEqualTo("GOOGLE_403_FORBIDDEN");
        assertThat(GoogleAnswer.classify(409, "duplicate", null, null, NOW).failureReason())
                .isEqualTo("GOOGLE_409_REJECTED");
    }

    @Test
    void retryAfterInSecondsIsRead() {
        GoogleAnswer answer = GoogleAnswer.classify(429, "rateLimitExceeded", "17", null, NOW);

        assertThat(answer.retryAfter()).isEqualTo(Duration.ofSeconds(17));
    }

    @Test
    void retryAfterAsHttpDateIsReadRelativeToNow() {
        GoogleAnswer answer = GoogleAnswer.classify(503, null, "Sun, 01 Mar 2026 10:01:30 GMT", null, NOW);

        assertThat(answer.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertThat(GoogleAnswer.classify(429, null, "soon", null, NOW).retryAfter())
                .isNull();
        assertThat(GoogleAnswer.classify(429, null, "-5", null, NOW).retryAfter())
                .isNull();
    }

    @Test
    void timeoutsAndConnectionErrorsAreRetried() {
        GoogleAnswer timeout = GoogleAnswer.noAnswer(new SocketTimeoutException("Read timed out"), NOW);
        GoogleAnswer refused = GoogleAnswer.noAnswer(new IOException("Connection refused"), NOW);

        assertThat(timeout.verdict()).isEqualTo(Verdict.RETRY);
        assertThat(timeout.httpStatus()).isZero();
        assertThat(refused.retryable()).isTrue();
    }

    @Test
    void revokedCredentialIsRejectedButAnUnreachableTokenEndpointIsRetried() {
        GoogleAnswer revoked = GoogleAnswer.credentialFailure(
                new CredentialException(DeadLetterReason.GOOGLE_CREDENTIAL_REVOKED, "invalid_grant"), NOW);
        GoogleAnswer unreachable = GoogleAnswer.credentialFailure(
                new CredentialException(DeadLetterReason.GOOGLE_TOKEN_ENDPOINT_UNAVAILABLE, "down"), NOW);

        assertThat(revoked.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(revoked.failureReason()).isEqualTo("GOOGLE_CREDENTIAL_REVOKED");
        assertThat(unreachable.verdict()).isEqualTo(Verdict.RETRY);
    }
}
