package dev.deletionpipeline.localstack.calendar;

import java.util.Map;
import java.util.Objects;

/**
 * One error answer that every call to a chosen calendar or event gets ({@link CalendarStandInSettings#calendarFaults},
 * {@link CalendarStandInSettings#eventFaults}), in Google's shape with this status and reason: e.g. a 403
 * {@code forbiddenForNonOrganizer} for an event the owner does not organise, or a 429 {@code rateLimitExceeded}
 * storm on one user. Unlike {@code faultRates} it is not drawn at random: it answers until it is removed.
 *
 * @param status the HTTP status, 4xx or 5xx
 * @param reason Google's {@code errors[0].reason}, e.g. {@code forbiddenForNonOrganizer}, {@code
 *     insufficientPermissions}, {@code rateLimitExceeded}
 */
public record InjectedFault(int status, String reason) {

    /** The messages Google sends with these reasons; another reason gets a generic one. */
    private static final Map<String, String> GOOGLE_MESSAGES = Map.of(
            "forbiddenForNonOrganizer", "Shared properties can only be changed by the organizer of the event.",
            "insufficientPermissions", "Insufficient Permission",
            "forbidden", "Forbidden",
            "requiredAccessLevel", "You need to have writer access to this calendar.",
            "rateLimitExceeded", "Rate Limit Exceeded",
            "userRateLimitExceeded", "User Rate Limit Exceeded");

    public InjectedFault {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("fault status must be 4xx or 5xx");
        }
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("fault reason must not be blank");
        }
    }

    /** 403 with a reason that is not about quotas: a client must not retry it. */
    public static InjectedFault forbidden(String reason) {
        return new InjectedFault(403, reason);
    }

    String message() {
        return GOOGLE_MESSAGES.getOrDefault(reason, "Request failed: " + reason);
    }

    /** Quota reasons are in Google's {@code usageLimits} domain, everything else in {@code global}. */
    String domain() {
        return reason.endsWith("ateLimitExceeded") ? "usageLimits" : "global";
    }
}
