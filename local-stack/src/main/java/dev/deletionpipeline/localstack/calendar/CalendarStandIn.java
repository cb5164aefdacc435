package dev.deletionpipeline.localstack.calendar;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server that answers the Google Calendar v3 calls of this project as Google does, with latency, faults,
 * quotas and OAuth that tests switch on at will. Point the real Google client at it with
 * {@code new Calendar.Builder(...).setRootUrl(standIn.rootUrl())} and credentials at {@link #tokenUrl()}. See the
 * package documentation for endpoints and the Google behaviours mirrored.
 */
public final class CalendarStandIn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CalendarStandIn.class);

    static {
        // The JDK server sends headers and body in separate segments; with Nagle's algorithm on, each answer then
        // waits ~40 ms for the client's delayed ACK. The JDK reads this once, when its first HttpServer is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final StandInState state;
    private volatile HttpServer server;
    // kept: a stopped server no longer knows its address
    private final InetSocketAddress address;
    private final ExecutorService requestThreads;
    private final ScheduledExecutorService delayedAnswers;

    private CalendarStandIn(
            StandInState state,
            HttpServer server,
            ExecutorService requestThreads,
            ScheduledExecutorService delayedAnswers) {
        this.state = state;
        this.server = server;
        this.address = server.getAddress();
        this.requestThreads = requestThreads;
        this.delayedAnswers = delayedAnswers;
    }

    /** Starts a stand-in on 127.0.0.1 and returns once it accepts connections. */
    public static CalendarStandIn start(CalendarStandInSettings settings) {
        StandInState state = new StandInState(settings);
        ExecutorService requestThreads = Executors.newFixedThreadPool(settings.threads(), daemon("calendar-standin-"));
        ScheduledExecutorService delayedAnswers =
                Executors.newScheduledThreadPool(2, daemon("calendar-standin-latency-"));
        try {
            HttpServer server = listen(settings.port(), state, requestThreads, delayedAnswers);
            CalendarStandIn standIn = new CalendarStandIn(state, server, requestThreads, delayedAnswers);
            log.info("Google Calendar stand-in listening on {}", standIn.url());
            return standIn;
        } catch (IOException e) {
            requestThreads.shutdownNow();
            delayedAnswers.shutdownNow();
            throw new UncheckedIOException("Could not start the Google Calendar stand-in", e);
        }
    }

    private static HttpServer listen(
            int port, StandInState state, ExecutorService requestThreads, ScheduledExecutorService delayedAnswers)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(requestThreads);
        server.createContext("/", new StandInHttpHandler(state, delayedAnswers));
        server.start();
        return server;
    }

    /**
     * Closes the listening socket, so that every new connection is refused as when Google is unreachable; events,
     * tokens, settings and the call log stay. {@link #acceptConnections()} opens the same port again.
     */
    public synchronized void refuseConnections() {
        server.stop(0);
        log.info("Google Calendar stand-in on port {} refuses connections", port());
    }

    /** Listens again on the same port, with the same state, after {@link #refuseConnections()}. */
    public synchronized void acceptConnections() {
        int port = port();
        try {
            server = listen(port, state, requestThreads, delayedAnswers);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not listen on port " + port + " again", e);
        }
        log.info("Google Calendar stand-in on port {} accepts connections again", port);
    }

    public static CalendarStandIn start() {
        return start(CalendarStandInSettings.defaults());
    }

    public int port() {
        return address.getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://" + address.getAddress().getHostAddress() + ":" + port();
    }

    /** The value for the Google client's {@code setRootUrl}: {@link #url()} with a trailing slash. */
    public String rootUrl() {
        return url() + "/";
    }

    /** Google's OAuth2 token endpoint as served here, for refresh-token and service-account credentials. */
    public String tokenUrl() {
        return url() + TokenEndpoint.PATH;
    }

    public CalendarStandInSettings settings() {
        return state.settings();
    }

    /** Replaces the settings (port, threads, call log capacity and clock stay as started); returns what applies. */
    public CalendarStandInSettings applySettings(CalendarStandInSettings settings) {
        return state.apply(settings);
    }

    /** E.g. {@code updateSettings(s -> s.faultRate(503, 0.2))}; returns what applies. */
    public CalendarStandInSettings updateSettings(UnaryOperator<CalendarStandInSettings.Builder> change) {
        return state.apply(change.apply(state.settings().toBuilder()).build());
    }

    /** Back to the start settings; forgets calendars, events, tokens, quota counts and calls. */
    public void reset() {
        state.reset();
    }

    /** Makes the calendar exist (needed before calls to it when {@code autoCreateCalendars} is off). */
    public void createCalendar(String calendarId) {
        state.events.createCalendar(calendarId);
    }

    /**
     * Takes the calendar away from the user: every call of that user to it, {@code calendars.get} included, answers 404
     * {@code notFound} as Google does when access is lost, while its events stay live. Without a user (null) the
     * calendar is gone for every caller.
     */
    public void revokeCalendar(String calendarId, String user) {
        state.access.revoke(calendarId, user);
    }

    /** Gives back what {@link #revokeCalendar} took away, for the same user (or null: for every caller). */
    public void restoreCalendar(String calendarId, String user) {
        state.access.restore(calendarId, user);
    }

    public boolean calendarExists(String calendarId) {
        return state.events.calendarExists(calendarId);
    }

    /** Every event, live and deleted, ordered by calendar and id. */
    public List<StandInEvent> events() {
        return state.events.all();
    }

    public Optional<StandInEvent> event(String calendarId, String eventId) {
        return state.events.get(calendarId, eventId).map(StoredEvent::view);
    }

    /** The calls kept in the call log, oldest first. */
    public List<CallRecord> calls() {
        return state.calls.snapshot(0);
    }

    /** The calls with a sequence number greater than {@code sequence}, oldest first. */
    public List<CallRecord> callsAfter(long sequence) {
        return state.calls.snapshot(sequence);
    }

    public void clearCalls() {
        state.calls.clear();
    }

    /** Lets {@code POST /token} exchange this refresh token for access tokens of the user. */
    public void registerRefreshToken(String refreshToken, String user) {
        state.tokens.registerRefreshToken(refreshToken, user);
    }

    /** The refresh token and the access tokens issued from it stop working ({@code invalid_grant}, 401). */
    public void revokeRefreshToken(String refreshToken) {
        state.tokens.revokeRefreshToken(refreshToken);
    }

    /**
     * Lets {@code POST /token} accept JWT-bearer assertions of this service account (its {@code client_email}) signed
     * with the private key of this public key, and issue access tokens of the user the assertion names in {@code sub}.
     */
    public void registerServiceAccount(String clientEmail, RSAPublicKey publicKey) {
        state.tokens.registerServiceAccount(clientEmail, publicKey);
    }

    /** Every access token issued so far stops working: the next calendar call gets 401 and must refresh. */
    public void expireAccessTokens() {
        state.tokens.expireAccessTokens();
    }

    /** A valid access token for the user without going through {@code POST /token}. */
    public String issueAccessToken(String user) {
        return state.tokens.issue(user, null, state.now());
    }

    @Override
    public void close() {
        int port = port();
        server.stop(0);
        delayedAnswers.shutdownNow();
        requestThreads.shutdownNow();
        log.info("Google Calendar stand-in on port {} stopped", port);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
