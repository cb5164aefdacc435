package dev.deletionpipeline.localstack.calendar;

/**
 * What Google checks before it looks at a calendar call, in Google's order: credentials (401), the project's and the
 * user's per-minute quotas (429 / 403), then the faults the settings inject: for the event, for the calendar, at random.
 */
final class CallGate {

    private static final String PROJECT = "project";

    private final StandInState state;

    CallGate(StandInState state) {
        this.state = state;
    }

    /** The caller of an admitted call: its user when auth is on, else null. */
    record Admission(String user, ApiResponse rejection) {
        boolean admitted() {
            return rejection == null;
        }
    }

    Admission admit(ApiRequest request, CalendarApi.Target target) {
        String calendarId = target.calendarId();
        CalendarStandInSettings settings = state.settings();
        long nowMillis = settings.clock().millis();
        String user = null;
        if (settings.authMode() == AuthMode.BEARER) {
            user = state.tokens
                    .userOf(request.authorization(), settings.clock().instant())
                    .orElse(null);
            if (user == null) {
                return new Admission(null, GoogleErrors.authError(request.authorization() != null));
            }
        }
        ApiResponse quotaRejection = checkQuotas(settings, user != null ? user : calendarId, nowMillis);
        if (quotaRejection != null) {
            return new Admission(user, quotaRejection);
        }
        InjectedFault injected = injectedFault(settings, target);
        if (injected != null) {
            return new Admission(user, GoogleErrors.injected(injected));
        }
        int faultStatus = state.faults.drawFault(settings.faultRates());
        return new Admission(user, faultStatus == 0 ? null : GoogleErrors.forStatus(faultStatus));
    }

    private static InjectedFault injectedFault(CalendarStandInSettings settings, CalendarApi.Target target) {
        InjectedFault eventFault =
                target.eventId() == null ? null : settings.eventFaults().get(target.eventId());
        return eventFault != null ? eventFault : settings.calendarFaults().get(target.calendarId());
    }

    private ApiResponse checkQuotas(CalendarStandInSettings settings, String userKey, long nowMillis) {
        if (settings.perProjectQuotaPerMinute() > 0) {
            long retryAfter = state.projectQuota.acquire(PROJECT, settings.perProjectQuotaPerMinute(), nowMillis);
            if (retryAfter > 0) {
                return GoogleErrors.rateLimitExceeded(429).withHeader("Retry-After", Long.toString(retryAfter));
            }
        }
        if (settings.perUserQuotaPerMinute() > 0) {
            long retryAfter = state.userQuota.acquire(userKey, settings.perUserQuotaPerMinute(), nowMillis);
            if (retryAfter > 0) {
                ApiResponse rejection = GoogleErrors.userQuotaExceeded(settings.userQuotaResponse());
                return rejection.status() == 429
                        ? rejection.withHeader("Retry-After", Long.toString(retryAfter))
                        : rejection;
            }
        }
        return null;
    }
}
