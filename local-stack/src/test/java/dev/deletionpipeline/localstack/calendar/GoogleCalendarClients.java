package dev.deletionpipeline.localstack.calendar;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** The real Google client pointed at a stand-in, plus a raw HTTP client for what the Google client cannot send. */
final class GoogleCalendarClients {

    private static final HttpClient RAW = HttpClient.newHttpClient();

    private GoogleCalendarClients() {}

    static Calendar calendar(CalendarStandIn standIn) {
        return calendar(standIn, null);
    }

    static Calendar calendar(CalendarStandIn standIn, HttpRequestInitializer credentials) {
        return new Calendar.Builder(new NetHttpTransport(), GsonFactory.getDefaultInstance(), credentials)
                .setRootUrl(standIn.rootUrl())
                .setApplicationName("calendar-stand-in-it")
                .build();
    }

    static Event meeting(String summary) {
        return new Event()
                .setSummary(summary)
                .setStart(new EventDateTime().setDateTime(new DateTime("2026-03-02T10:00:00Z")))
                .setEnd(new EventDateTime().setDateTime(new DateTime("2026-03-02T11:00:00Z")));
    }

    static Event weeklySeries(String summary) {
        return meeting(summary).setRecurrence(List.of("RRULE:FREQ=WEEKLY;COUNT=3"));
    }

    static HttpResponse<String> send(String method, String url, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    static HttpResponse<String> sendWithBearer(String url, String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + accessToken));
    }

    static HttpResponse<String> sendGzipped(String url, byte[] gzippedJson) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzippedJson)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
