package dev.deletionpipeline.worker.failure;

import dev.deletionpipeline.common.json.EventJson;
import dev.deletionpipeline.localstack.auth.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** Calls to the worker's admin API as an operator makes them: bearer token, JSON bodies. */
final class AdminCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    AdminCalls(int port) {
        this.port = port;
    }

    static String admin() {
        return DevTokens.local().adminToken("ops", Duration.ofMinutes(5));
    }

    HttpResponse<String> get(String pathAndQuery, String token) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET(), token);
    }

    /** @param json nullable: no body */
    HttpResponse<String> post(String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request, token);
    }

    static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + port + pathAndQuery);
    }
}
