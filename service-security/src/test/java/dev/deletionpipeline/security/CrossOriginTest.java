package dev.deletionpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.auth.DevTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A browser page of an allowed origin (the ops dashboard) may call {@code /v1/**} with its bearer token; a page of any
 * other origin gets no CORS permission, so the browser keeps the answer from it. Real HTTP, as a browser sends it.
 */
@SpringBootTest(
        classes = SecuredTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.config.import=classpath:deletion-security-local.yml",
            "deletion.security.cors.allowed-origins=" + CrossOriginTest.DASHBOARD
        })
class CrossOriginTest {

    static final String DASHBOARD = "http://localhost:8083";
    private static final String ELSEWHERE = "http://evil.localhost:8083";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void theDashboardsPreflightIsAllowedWithTheAuthorizationHeader() throws Exception {
        HttpResponse<String> answer = preflight(DASHBOARD);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(allowedOrigin(answer)).contains(DASHBOARD);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Headers").orElse(""))
                .containsIgnoringCase("authorization");
    }

    @Test
    void theDashboardsCallIsAnsweredWithItsOriginAndStillNeedsTheAdminToken() throws Exception {
        String admin = DevTokens.local().adminToken("ops", Duration.ofMinutes(5));

        HttpResponse<String> allowed = get(DASHBOARD, admin);
        HttpResponse<String> withoutToken = get(DASHBOARD, null);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("pong");
        assertThat(allowedOrigin(allowed)).contains(DASHBOARD);
        assertThat(withoutToken.statusCode()).isEqualTo(401);
    }

    @Test
    void anotherOriginGetsNoPermission() throws Exception {
        HttpResponse<String> preflight = preflight(ELSEWHERE);
        HttpResponse<String> call = get(ELSEWHERE, DevTokens.local().adminToken("ops", Duration.ofMinutes(5)));

        assertThat(allowedOrigin(preflight)).isEmpty();
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(allowedOrigin(call)).isEmpty();
        assertThat(call.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/ping"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", origin)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String origin, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/ping"))
                .header("Origin", origin);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> allowedOrigin(HttpResponse<String> answer) {
        return answer.headers().firstValue("Access-Control-Allow-Origin");
    }
}
