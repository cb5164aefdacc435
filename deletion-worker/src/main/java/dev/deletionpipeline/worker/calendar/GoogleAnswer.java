package dev.deletionpipeline.worker.calendar;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.common.topics.DeadLetterReason.GoogleStatus;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.CredentialException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What came of one delete call, already classified ({@link Verdict}), and the classification itself, in one place.
 *
 * @param httpStatus Google's status; 0 when no answer came (timeout, connection error)
 * @param googleReason nullable: the {@code errors[0].reason} Google gave
 * @param retryAfter nullable: what Google's Retry-After asked for
 * @param failureReason nullable on success: a stable name of the failure, e.g. {@code GOOGLE_403_FORBIDDEN}; it
 *     becomes the dead-letter reason of a failure that is not retried
 * @param detail nullable: human-readable, never a token
 */
public record GoogleAnswer(
        Verdict verdict,
        int httpStatus,
        String googleReason,
        Duration retryAfter,
        String failureReason,
        String detail,
        Instant answeredAt) {

    /** The four ways the worker treats an answer, plus 401, which the deleter resolves before anyone sees it. */
    public enum Verdict {
        /** 204: Google deleted the event. */
        DELETED,
        /** 410, or 404 while its calendar answers for the same credential (asked by {@link GoogleCalendarDeleter}). */
        ALREADY_GONE,
        /** 5xx, 408, no answer (a timeout, a connection error): try again later. */
        RETRY,
        /** 429, 403 rateLimitExceeded/userRateLimitExceeded: try again later, and slow down for this owner. */
        RATE_LIMITED,
        /** 401: refresh the credential once and call again. */
        UNAUTHORIZED,
        /** 400, other 403s, other 4xx, a revoked credential: do not retry; dead-letter with the reason. */
        REJECTED
    }

    public boolean gone() {
        return verdict == Verdict.DELETED || verdict == Verdict.ALREADY_GONE;
    }

    public boolean retryable() {
        return verdict == Verdict.RETRY || verdict == Verdict.RATE_LIMITED;
    }

    /** This answer as the outcome of a call that depended on it, with that call's verdict, status and detail. */
    GoogleAnswer as(Verdict outcome, int status, String why) {
        return new GoogleAnswer(outcome, status, googleReason, retryAfter, failureReason, why, answeredAt);
    }

    /** This answer, turned into a failure that is not retried. */
    public GoogleAnswer rejected(String reason, String why) {
        return new GoogleAnswer(Verdict.REJECTED, httpStatus, googleReason, null, reason, why, answeredAt);
    }

    private static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded");

    public static GoogleAnswer deleted(Instant at) {
        return new GoogleAnswer(Verdict.DELETED, 204, null, null, null, null, at);
    }

    /** No answer came: a timeout or a connection error. */
    public static GoogleAnswer noAnswer(Exception failure, Instant at) {
        String detail = "no answer from Google: " + failure.getClass().getSimpleName();
        return new GoogleAnswer(Verdict.RETRY, 0, null, null, DeadLetterReason.GOOGLE_NO_ANSWER.name(), detail, at);
    }

    public static GoogleAnswer credentialFailure(CredentialException failure, Instant at) {
        Verdict verdict = failure.permanent() ? Verdict.REJECTED : Verdict.RETRY;
        return new GoogleAnswer(verdict, 0, null, null, failure.reason().name(), failure.getMessage(), at);
    }

    /** Google's error answer, with the reason and message of its JSON body when it has one; or no answer at all. */
    static GoogleAnswer of(IOException failure, Instant at) {
        if (!(failure instanceof HttpResponseException answer)) {
            return noAnswer(failure, at);
        }
        GoogleJsonError error = answer instanceof GoogleJsonResponseException json ? json.getDetails() : null;
        String message = error == null ? answer.getStatusMessage() : error.getMessage();
        return classify(
                answer.getStatusCode(), reasonOf(error), answer.getHeaders().getRetryAfter(), message, at);
    }

    /** Google's error answer to one request of a batch. */
    public static GoogleAnswer of(GoogleJsonError error, HttpHeaders headers, Instant at) {
        String retryAfter = headers == null ? null : headers.getRetryAfter();
        return classify(error.getCode(), reasonOf(error), retryAfter, error.getMessage(), at);
    }

    private static String reasonOf(GoogleJsonError error) {
        boolean none =
                error == null || error.getErrors() == null || error.getErrors().isEmpty();
        return none ? null : error.getErrors().get(0).getReason();
    }

    /**
     * @param googleReason nullable: {@code errors[0].reason} of Google's error body
     * @param retryAfterHeader nullable: the Retry-After header, in seconds or as an HTTP date
     * @param message nullable: Google's error message
     */
    public static GoogleAnswer classify(
            int status, String googleReason, String retryAfterHeader, String message, Instant at) {
        Duration retryAfter = retryAfter(retryAfterHeader, at);
        String detail = "Google answered " + status + (googleReason == null ? "" : " " + googleReason)
                + (message == null ? "" : ": " + message);
        if (status >= 200 && status < 300) {
            return deleted(at);
        }
        Verdict verdict = verdictOf(status, googleReason);
        String failureReason = verdict == Verdict.ALREADY_GONE ? null : failureReason(status, verdict);
        return new GoogleAnswer(verdict, status, googleReason, retryAfter, failureReason, detail, at);
    }

    static Verdict verdictOf(int status, String googleReason) {
        if (status == 404 || status == 410) {
            return Verdict.ALREADY_GONE;
        }
        if (status == 429 || (status == 403 && googleReason != null && RATE_LIMIT_REASONS.contains(googleReason))) {
            return Verdict.RATE_LIMITED;
        }
        if (status == 401) {
            return Verdict.UNAUTHORIZED;
        }
        if (status >= 500 || status == 408) {
            return Verdict.RETRY;
        }
        return Verdict.REJECTED;
    }

    private static String failureReason(int status, Verdict verdict) {
        return switch (verdict) {
            case RATE_LIMITED -> GoogleStatus.RATE_LIMITED.reasonFor(status);
            case RETRY -> GoogleStatus.UNAVAILABLE.reasonFor(status);
            case UNAUTHORIZED -> DeadLetterReason.GOOGLE_401_UNAUTHORIZED.name();
            default ->
                switch (status) {
                    case 400 -> DeadLetterReason.GOOGLE_400_BAD_REQUEST.name();
                    case 403 -> DeadLetterReason.GOOGLE_403_FORBIDDEN.name();
                    default -> GoogleStatus.REJECTED.reasonFor(status);
                };
        };
    }

    /** Retry-After is either delay-seconds or an HTTP date; anything unreadable is ignored. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
