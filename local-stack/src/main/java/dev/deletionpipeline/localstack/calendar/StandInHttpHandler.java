package dev.deletionpipeline.localstack.calendar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each HTTP request to the endpoint it is for, records it in the call log, and answers after the configured
 * latency. The latency is waited out on a scheduler rather than in the request thread, so a slow stand-in still
 * serves many callers at once with a small pool.
 */
final class StandInHttpHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(StandInHttpHandler.class);

    private final StandInState state;
    private final ScheduledExecutorService delayedAnswers;
    private final CalendarApi calendar;
    private final BatchEndpoint batch;
    private final TokenEndpoint token;
    private final AdminEndpoint admin;

    StandInHttpHandler(StandInState state, ScheduledExecutorService delayedAnswers) {
        this.state = state;
        this.delayedAnswers = delayedAnswers;
        this.calendar = new CalendarApi(state);
        this.batch = new BatchEndpoint(state, calendar);
        this.token = new TokenEndpoint(state);
        this.admin = new AdminEndpoint(state);
    }

    @Override
    public void handle(HttpExchange exchange) {
        long startNanos = System.nanoTime();
        Instant at = state.now();
        try {
            ApiRequest request = HttpExchanges.read(exchange);
            if (request.rawPath().startsWith(AdminEndpoint.ROOT)) {
                HttpExchanges.write(exchange, admin.handle(request));
                return;
            }
            Long batchId = isBatch(request) ? state.nextBatchId() : null;
            ApiResponse response = answer(request, batchId);
            answerAfterLatency(exchange, response, () -> state.record(request, response, at, startNanos, batchId));
        } catch (IOException | RuntimeException failure) {
            log.debug(
                    "Calendar stand-in could not answer {} {}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(),
                    failure);
            writeQuietly(exchange, GoogleErrors.forStatus(500));
        }
    }

    private ApiResponse answer(ApiRequest request, Long batchId) {
        if (request.rawPath().startsWith(CalendarApi.ROOT)) {
            return calendar.handle(request);
        }
        if (batchId != null) {
            return batch.handle(request, batchId);
        }
        if (request.rawPath().equals(TokenEndpoint.PATH)) {
            return token.handle(request);
        }
        return GoogleErrors.notFound();
    }

    private static boolean isBatch(ApiRequest request) {
        return request.method().equals("POST") && request.rawPath().equals(BatchEndpoint.PATH);
    }

    /** The call is logged before the answer leaves, so a caller that has its answer also finds it in the log. */
    private void answerAfterLatency(HttpExchange exchange, ApiResponse response, Runnable record) {
        CalendarStandInSettings settings = state.settings();
        long delayNanos = state.faults.latencyNanos(settings.latency(), settings.latencyJitter());
        Runnable send = () -> {
            record.run();
            writeQuietly(exchange, response);
        };
        if (delayNanos <= 0) {
            send.run();
        } else {
            delayedAnswers.schedule(send, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static void writeQuietly(HttpExchange exchange, ApiResponse response) {
        try {
            HttpExchanges.write(exchange, response);
        } catch (IOException | RuntimeException clientGone) {
            log.debug("Calendar stand-in could not send its answer", clientGone);
            exchange.close();
        }
    }
}
