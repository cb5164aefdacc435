/**
 * A stand-in for Google Calendar v3: a real HTTP server on 127.0.0.1 (the JDK's {@code HttpServer}, a fixed pool of
 * request threads) that answers the calls this project makes exactly as Google answers them, so that the worker, the
 * reconciler and their tests run the real Google client against it. Latency, faults, quotas and OAuth are off until
 * a test switches them on.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * try (CalendarStandIn google = CalendarStandIn.start(CalendarStandInSettings.defaults())) {
 *     Calendar calendar = new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), null)
 *             .setRootUrl(google.rootUrl()).setApplicationName("it").build();
 *     google.updateSettings(s -> s.faultRate(503, 0.1).perUserQuotaPerMinute(600));
 *     ...
 *     assertThat(google.calls()).extracting(CallRecord::status).contains(204);
 * }
 * }</pre>
 *
 * <h2>Google API endpoints</h2>
 *
 * <ul>
 *   <li>{@code POST /calendar/v3/calendars/{calendarId}/events} ({@code events.insert}): 200 with the event, Google's
 *       fields added (id of 26 base32hex characters unless given, {@code status: confirmed}, etag, htmlLink, created,
 *       updated, iCalUID, creator, organizer); {@code recurrence} and {@code recurringEventId} kept. Bad JSON → 400
 *       {@code parseError}; no {@code end}/{@code start} → 400 {@code required}; an id that is not 5-1024 base32hex
 *       characters ({@code [a-v0-9]}) → 400 {@code invalid}; an id already used (even by a deleted event) → 409
 *       {@code duplicate}.
 *   <li>{@code GET /calendar/v3/calendars/{calendarId}/events/{eventId}} ({@code events.get}): 200; a deleted event
 *       is still returned, with {@code status: cancelled}; unknown → 404 {@code notFound}.
 *   <li>{@code DELETE /calendar/v3/calendars/{calendarId}/events/{eventId}} ({@code events.delete}): 204 with no body;
 *       unknown → 404 {@code notFound}; already deleted → 410 {@code deleted} ("Resource has been deleted"). Deleting
 *       a series (an event with {@code recurrence}) also cancels every event whose {@code recurringEventId} is its
 *       id. The {@code sendUpdates} parameter is kept on the event and in the call log.
 *   <li>{@code GET /calendar/v3/calendars/{calendarId}} ({@code calendars.get}): 200 with {@code kind, etag, id,
 *       summary, timeZone} when the calendar exists and the caller may see it; else 404 {@code notFound}.
 *   <li>{@code POST /batch/calendar/v3}: Google's batch protocol as the Java client speaks it ({@code multipart/mixed},
 *       one {@code application/http} part per call). The answer is {@code multipart/mixed} with one part per call,
 *       {@code Content-ID: response-<id>}, each with its own status line and body. More than 50 parts, or anything
 *       that cannot be parsed, → 400 {@code badRequest} for the whole batch. A part without Authorization inherits
 *       the batch's.
 *   <li>{@code POST /token}: the OAuth2 refresh-token grant → {@code {"access_token","expires_in":3599,"scope",
 *       "token_type":"Bearer"}}; an unknown or revoked refresh token → 400 {@code invalid_grant} "Token has been
 *       expired or revoked.". Client id and secret are not checked. The JWT-bearer grant of a service account
 *       ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<RS256 JWT>}): the assertion's
 *       {@code iss} must be a service account registered with its public key, its signature must verify, {@code
 *       iat}/{@code exp} at most an hour apart and current, {@code aud} the token endpoint, {@code scope} present;
 *       the access token is bound to {@code sub} (the impersonated user), and the call log shows {@code sub} as the
 *       token call's user. Anything else → 400 {@code invalid_grant} ("Invalid JWT Signature.", ...).
 * </ul>
 *
 * <p>Errors have Google's shape: {@code {"error":{"code":404,"message":"Not Found","errors":[{"domain":"global",
 * "reason":"notFound","message":"Not Found"}]}}}. Any other path → 404 {@code notFound}.
 *
 * <h2>Calendars</h2>
 *
 * A calendar exists once an event is inserted into it (while {@code autoCreateCalendars}, the default, is on), or once
 * it is created with {@code PUT /_standin/calendars/{calendarId}} or {@link
 * dev.deletionpipeline.localstack.calendar.CalendarStandIn#createCalendar}. Any call to a calendar that does not exist
 * → 404 {@code notFound}, as Google answers for a calendar the caller cannot see; so does every call to a calendar
 * taken away from the caller ({@code /_standin/calendars/{calendarId}/revoke}). {@code primary} is an ordinary id.
 *
 * <h2>What Google does before it looks at a call, in this order</h2>
 *
 * <ol>
 *   <li>Auth ({@code authMode = BEARER}): no valid {@code Authorization: Bearer} token → 401 {@code authError} with
 *       {@code WWW-Authenticate: Bearer realm="https://accounts.google.com/"}, plus {@code error="invalid_token"} when
 *       a token was sent but is expired, revoked or unknown (that is what makes Google's credential adapters refresh
 *       and retry). Tokens come from {@code POST /token}; an access token lives 3599 s by the settings' clock.
 *   <li>Per-project quota ({@code perProjectQuotaPerMinute}, all callers together): 429 {@code rateLimitExceeded}
 *       with {@code Retry-After: <seconds until the next clock minute>}.
 *   <li>Per-user quota ({@code perUserQuotaPerMinute}; the user is the bearer's user with auth on, else the calendar
 *       id): 403 {@code userRateLimitExceeded} without Retry-After by default, or 429 {@code rateLimitExceeded} with
 *       Retry-After ({@code userQuotaResponse}). Quotas count calls per clock minute (fixed windows); any settings change starts the counts afresh.
 *   <li>Faults injected for one event ({@code eventFaults}: event id → {@code {"status","reason"}}) or one calendar
 *       ({@code calendarFaults}: calendar id → the same), e.g. 403 {@code forbiddenForNonOrganizer} or {@code
 *       insufficientPermissions} (domain {@code global}, Google's message), or 429 {@code rateLimitExceeded} (domain
 *       {@code usageLimits}): every call to that event or calendar gets it until it is removed; the event's wins.
 *   <li>Injected faults ({@code faultRates}: status → probability): 403 and 429 {@code rateLimitExceeded} (no
 *       Retry-After), 500/502/504 {@code backendError} "Backend Error", 503 {@code backendError}, 401 {@code
 *       authError}, other statuses with their usual reasons.
 * </ol>
 *
 * Each part of a batch goes through these steps on its own and is counted against the quotas; the batch request
 * itself is not (Google counts a batch of n calls as n calls) and gets no fault. Latency ({@code latency} + a random
 * {@code [0, latencyJitter)}) is added once per HTTP answer (calendar call, batch, token), waited out on a scheduler so
 * request threads stay free. Faults and jitter come from one {@code Random} seeded with {@code randomSeed} and
 * re-seeded on every settings change.
 *
 * <h2>Stand-in admin endpoints ({@code /_standin/...}, never delayed, failed, counted or logged)</h2>
 *
 * <ul>
 *   <li>{@code GET /_standin/settings}; {@code PUT /_standin/settings} with a JSON patch, e.g. {@code {"faultRates":
 *       {"503":0.2},"calendarFaults":{"a@example.com":{"status":403,"reason":"insufficientPermissions"}},
 *       "latency":"PT0.05S","perUserQuotaPerMinute":600,"userQuotaResponse":
 *       "TOO_MANY_REQUESTS_RATE_LIMIT_EXCEEDED","authMode":"BEARER"}} (durations as ISO-8601 or milliseconds;
 *       {@code faultRates}, {@code calendarFaults}, {@code eventFaults} each replaced whole; port, threads and callLogCapacity cannot change) → 200 with the settings
 *       now in force; unknown field → 400.
 *   <li>{@code POST /_standin/reset} → 204: start settings, no calendars, events, tokens, quota counts or calls.
 *   <li>{@code PUT /_standin/calendars/{calendarId}} → 204.
 *   <li>{@code POST /_standin/calendars/{calendarId}/revoke[?user=]}, {@code POST
 *       /_standin/calendars/{calendarId}/restore[?user=]} → 204: takes the calendar away from that user (the bearer's
 *       user; without {@code user}: from every caller) and gives it back. While taken away, every call of that user to
 *       the calendar ({@code calendars.get}, {@code events.delete}, ...) answers 404 {@code notFound}, as Google does
 *       when access is lost, and its events stay live. {@code reset} gives every calendar back.
 *   <li>{@code GET /_standin/events[?calendarId=]}: every event, live and deleted ({@code deletedAt},
 *       {@code sendUpdates}, {@code resource}).
 *   <li>{@code GET /_standin/calls[?since=<sequence>]}, {@code DELETE /_standin/calls}: the call log (see
 *       {@link dev.deletionpipeline.localstack.calendar.CallRecord}); a ring of the latest {@code callLogCapacity}
 *       calls (default 1,000,000), one entry per calendar call, per batch part (with {@code batchId}), per batch
 *       request (same {@code batchId}) and per token request. Token values are never recorded or logged.
 *   <li>{@code POST /_standin/service-accounts {"clientEmail","publicKey"}} (base64 of the X.509 encoding, PEM
 *       allowed) → 204: the token endpoint accepts that service account's JWT-bearer assertions.
 *   <li>{@code POST /_standin/refresh-tokens {"refreshToken","user"}}, {@code POST /_standin/refresh-tokens/revoke
 *       {"refreshToken"}}, {@code POST /_standin/access-tokens {"user"}} → {@code {"access_token"}}, {@code POST
 *       /_standin/access-tokens/expire [{"user"}]} (all users without a body).
 * </ul>
 */
package dev.deletionpipeline.localstack.calendar;
