package dev.deletionpipeline.worker.calendar;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.calendar.Calendar;
import dev.deletionpipeline.common.topics.DeadLetterReason;
import dev.deletionpipeline.worker.calendar.GoogleAnswer.Verdict;
import dev.deletionpipeline.worker.calendar.GoogleClientConfiguration.GoogleSettings;
import dev.deletionpipeline.worker.credentials.CredentialException;
import dev.deletionpipeline.worker.credentials.OwnerCredentials.OwnerCredential;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Decides what a 404 to {@code events.delete} means. Google answers 404 both for an event that is gone and for a
 * calendar the caller can no longer see (access lost, a stale delegated subject, a wrong calendar mapping), and only
 * the first may end in a hard delete. So the calendar itself is asked with {@code calendars.get}, with the same
 * credential: if it answers, the event is gone; if it answers 404 or 403 (or another refusal), the deletion fails with
 * {@link DeadLetterReason#CALENDAR_UNREACHABLE} and the row stays; if it cannot answer now (5xx, 429, no answer), the
 * deletion is retried like any transient failure.
 *
 * <p>A calendar that answered is remembered per owner for {@code calendar-check-ttl}, so a bulk purge asks once per
 * calendar, not once per event; a calendar that did not answer is never remembered, so a redrive after access was
 * restored asks again.
 */
@Component
class CalendarReachability {

    private record OwnersCalendar(UUID ownerId, String calendarId) {}

    private final Calendar calendar;
    private final Clock clock;
    private final Cache<OwnersCalendar, Boolean> reachable;

    CalendarReachability(Calendar calendar, GoogleSettings settings, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
        this.reachable = Caffeine.newBuilder()
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfterWrite(settings.calendarCheckTtl())
                .maximumSize(settings.calendarCheckCacheSize())
                .executor(Runnable::run)
                .build();
    }

    /**
     * @param notFound the 404 that Google answered to an event's delete on {@code calendarId}
     * @return empty when the calendar answers for the owner's credential (the 404 stands as "already gone"); otherwise
     *     the answer that replaces the 404: rejected with {@code CALENDAR_UNREACHABLE}, or one to retry
     */
    Optional<GoogleAnswer> confirmGone(
            UUID ownerId, OwnerCredential credential, String calendarId, GoogleAnswer notFound) {
        OwnersCalendar key = new OwnersCalendar(ownerId, calendarId);
        if (reachable.getIfPresent(key) != null) {
            return Optional.empty();
        }
        try {
            Calendar.Calendars.Get request = calendar.calendars().get(calendarId);
            credential.authorize(request.getRequestHeaders());
            request.execute();
            reachable.put(key, Boolean.TRUE);
            return Optional.empty();
        } catch (HttpResponseException e) {
            return Optional.of(unanswered(GoogleAnswer.of(e, clock.instant()), notFound));
        } catch (CredentialException e) {
            return Optional.of(GoogleAnswer.credentialFailure(e, clock.instant()));
        } catch (IOException e) {
            GoogleAnswer none = GoogleAnswer.noAnswer(e, clock.instant());
            return Optional.of(new GoogleAnswer(
                    Verdict.RETRY,
                    notFound.httpStatus(),
                    null,
                    null,
                    none.failureReason(),
                    "events.delete answered 404; calendars.get: " + none.detail(),
                    none.answeredAt()));
        }
    }

    private static GoogleAnswer unanswered(GoogleAnswer check, GoogleAnswer notFound) {
        if (check.retryable() || check.verdict() == Verdict.UNAUTHORIZED) {
            // the calendar could not say now; the event's 404 proves nothing yet, so the whole deletion is retried
            Verdict verdict = check.verdict() == Verdict.RATE_LIMITED ? Verdict.RATE_LIMITED : Verdict.RETRY;
            return new GoogleAnswer(
                    verdict,
                    check.httpStatus(),
                    check.googleReason(),
                    check.retryAfter(),
                    check.failureReason(),
                    "events.delete answered 404; calendars.get: " + check.detail(),
                    check.answeredAt());
        }
        return new GoogleAnswer(
                Verdict.REJECTED,
                notFound.httpStatus(),
                notFound.googleReason(),
                null,
                DeadLetterReason.CALENDAR_UNREACHABLE.name(),
                "events.delete answered 404 and calendars.get " + check.detail().replaceFirst("^Google ", "")
                        + " for the same credential: the event may still be live, so the row stays",
                check.answeredAt());
    }
}
