package dev.deletionpipeline.localstack.calendar;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calendars taken away from a user, as when an owner loses access to a shared calendar, a delegated subject goes stale
 * or a calendar mapping points at someone else's calendar: every call of that user to that calendar then answers 404
 * {@code notFound}, as Google does, while the calendar's events stay as they are. Taken away without a user, the
 * calendar is gone for every caller (also unauthenticated ones, when auth is off).
 */
final class CalendarAccess {

    private static final String EVERYONE = "";

    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** @param user nullable: null takes the calendar away from every caller */
    void revoke(String calendarId, String user) {
        revoked.add(key(calendarId, user));
    }

    /** @param user nullable: null gives back what was taken away from every caller */
    void restore(String calendarId, String user) {
        revoked.remove(key(calendarId, user));
    }

    /** @param user nullable: the authenticated caller, null when auth is off */
    boolean revoked(String calendarId, String user) {
        return revoked.contains(key(calendarId, null)) || (user != null && revoked.contains(key(calendarId, user)));
    }

    void clear() {
        revoked.clear();
    }

    private static String key(String calendarId, String user) {
        return calendarId + '\n' + (user == null ? EVERYONE : user);
    }
}
