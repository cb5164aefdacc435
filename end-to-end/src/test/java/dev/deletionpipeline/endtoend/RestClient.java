package dev.deletionpipeline.endtoend;

import dev.deletionpipeline.common.json.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** JSON over HTTP to one of the stack's services, as any client calls it: a bearer token, a body, a status. */
final class RestClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One answer: its status and its JSON body (a missing node for an empty body). */
    record Answer(int status, JsonNode body) {

        /** The body, after checking the status. */
        JsonNode expect(int expected) {
            if ((status == 401 || status == 403) && expected != status) {
                // not something waiting longer can change: fail at once, also inside an Awaitility wait
                throw new IllegalStateException("Not authorized (HTTP " + status + "): " + body);
            }
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return body;
        }
    }

    private final String baseUrl;

    RestClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Answer get(String path, String token) {
        return send("GET", path, token, null);
    }

    Answer post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Answer put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    Answer delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** A POST of a body that is not JSON; an answer that is not JSON comes back as a text node. */
    Answer postRaw(String path, String contentType, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return exchange(request, "POST " + path);
    }

    /** @param body nullable: sent as JSON */
    Answer send(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofByteArray(
                                    EventJson.mapper().writeValueAsBytes(body)));
        }
        return exchange(request.build(), method + " " + path);
    }

    private Answer exchange(HttpRequest request, String call) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), json(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(call + " to " + baseUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static JsonNode json(byte[] body) {
        if (body.length == 0) {
            return EventJson.mapper().missingNode();
        }
        try {
            return EventJson.mapper().readTree(body);
        } catch (JacksonException notJson) {
            return EventJson.mapper().getNodeFactory().stringNode(new String(body, StandardCharsets.UTF_8));
        }
    }
}
