package dev.deletionpipeline.endtoend.bench;

import dev.deletionpipeline.endtoend.bench.BenchData.Owner;
import dev.deletionpipeline.endtoend.bench.BenchData.Target;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** deletion-api's two deletion calls as a client makes them: {@code DELETE /v1/blocks/{id}} and a bulk deletion. */
final class ApiClient {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    ApiClient(String apiUrl) {
        this.baseUrl = apiUrl;
    }

    /** The answer's status, or -1 when there was none. */
    CompletableFuture<Integer> deleteAsync(Target target) {
        return http.sendAsync(deleteRequest(target), HttpResponse.BodyHandlers.discarding())
                .handle((response, error) -> error == null ? response.statusCode() : -1);
    }

    /**
     * The status, or -1 when there was no answer. A connection the server closed while the client kept it for reuse
     * fails the request before it reached the API; the delete is idempotent, so it is sent once more.
     */
    int delete(Target target) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return http.send(deleteRequest(target), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                if (attempt == 2) {
                    return -1;
                }
            }
        }
    }

    /** {@code POST /v1/deletions {"calendarId"}}: the status. */
    int deleteCalendar(Owner owner, String calendarId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/deletions"))
                .header("Authorization", "Bearer " + owner.token())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"calendarId\": \"" + calendarId + "\"}"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest deleteRequest(Target target) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/v1/blocks/" + target.blockId()))
                .header("Authorization", "Bearer " + target.owner().token())
                .timeout(ANSWER_TIMEOUT)
                .DELETE()
                .build();
    }
}
