package dev.deletionpipeline.localstack.calendar;

/**
 * How an exhausted per-user quota is answered. Google documents both for Calendar and alternates between them, so a
 * client must treat both as "slow down".
 */
public enum UserQuotaResponse {
    /** 403 with reason {@code userRateLimitExceeded} and no Retry-After (the default). */
    FORBIDDEN_USER_RATE_LIMIT_EXCEEDED(403, "userRateLimitExceeded", "User Rate Limit Exceeded"),
    /** 429 with reason {@code rateLimitExceeded} and a Retry-After header. */
    TOO_MANY_REQUESTS_RATE_LIMIT_EXCEEDED(429, "rateLimitExceeded", "Rate Limit Exceeded");

    private final int status;
    private final String reason;
    private final String message;

    UserQuotaResponse(int status, String reason, String message) {
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    String message() {
        return message;
    }
}
