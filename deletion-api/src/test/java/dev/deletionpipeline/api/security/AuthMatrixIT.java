package dev.deletionpipeline.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.api.ApiClient.Answer;
import dev.deletionpipeline.api.ApiTestSupport;
import dev.deletionpipeline.api.Fixtures;
import dev.deletionpipeline.api.Fixtures.TestOwner;
import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.testing.RawHttp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Who may call what: every refusal is a 401/403/404 problem and changes nothing. */
class AuthMatrixIT extends ApiTestSupport {

    @Test
    void requestsWithoutAValidTokenAreUnauthorizedProblems() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        List<String> refusedTokens = List.of(
                "not-a-jwt",
                new DevTokens("another-secret-that-is-long-enough-0123456789")
                        .ownerToken(owner.id(), UUID.randomUUID(), Duration.ofHours(1)),
                Fixtures.TOKENS.sign(
                        owner.id().toString(),
                        UUID.randomUUID().toString(),
                        List.of(TokenClaims.ROLE_OWNER),
                        Duration.ofMinutes(-10)),
                Fixtures.TOKENS.ownerToken(owner.id(), UUID.randomUUID(), Duration.ofHours(1)),
                Fixtures.TOKENS.sign(
                        "not-a-uuid", UUID.randomUUID().toString(), List.of("owner"), Duration.ofHours(1)));

        assertUnauthorized(api().delete("/v1/blocks/" + block, null));
        for (String token : refusedTokens) {
            assertUnauthorized(api().delete("/v1/blocks/" + block, token));
        }
        assertThat(fixtures().deletionState(block)).isNull();
    }

    @Test
    void anotherOwnersBlockIsNotFoundAndStaysUntouched() {
        TestOwner owner = fixtures().owner();
        TestOwner stranger = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");

        for (Answer answer : List.of(
                api().get("/v1/blocks/" + block, stranger.token()),
                api().delete("/v1/blocks/" + block, stranger.token()),
                api().post("/v1/blocks/" + block + "/restore", stranger.token()))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
        }
        assertThat(fixtures().deletionState(block)).isNull();
        assertThat(api().get("/v1/blocks?include=all", stranger.token())
                        .json()
                        .get("items")
                        .size())
                .isZero();
    }

    @Test
    void adminEndpointsNeedTheAdminRoleAndOwnerEndpointsTheOwnerRole() {
        TestOwner owner = fixtures().owner();

        Answer ownerOnAdmin = api().get("/v1/admin/blocks?ownerId=" + owner.id(), owner.token());
        assertThat(ownerOnAdmin.status()).isEqualTo(403);
        assertThat(ownerOnAdmin.isProblem()).isTrue();
        assertThat(api().post("/v1/admin/owners", owner.token(), "{\"handle\":\"sneaky\"}")
                        .status())
                .isEqualTo(403);
        assertThat(api().get("/v1/admin/blocks?ownerId=" + owner.id() + "&include=all", Fixtures.adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(api().get("/v1/blocks", Fixtures.adminToken()).status()).isEqualTo(403);
        assertThat(fixtures().count("SELECT count(*) FROM owners WHERE handle = 'sneaky'", Map.of()))
                .isZero();
    }

    @Test
    void healthInfoMetricsAndTheOpenApiDocumentAreOpen() {
        assertThat(api().get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/info", null).status()).isEqualTo(200);
        assertThat(api().get("/actuator/prometheus", null).status()).isEqualTo(200);
        Answer openApi = api().get("/v3/api-docs", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/v1/blocks/{id}")).isTrue();
        assertThat(openApi.json().get("paths").has("/v1/deletions")).isTrue();
        assertThat(openApi.raw().body()).doesNotContain("\"caller\"");
    }

    @Test
    void metricsTimeEachRequestButNotEachSecurityFilter() {
        TestOwner owner = fixtures().owner();
        assertThat(api().get("/v1/blocks", owner.token()).status()).isEqualTo(200);
        assertThat(api().get("/v1/blocks", null).status()).isEqualTo(401);

        String metrics = api().get("/actuator/prometheus", null).raw().body();

        assertThat(metrics).contains("http_server_requests_seconds_count{").contains("uri=\"/v1/blocks\"");
        assertThat(metrics).doesNotContain("spring_security");
    }

    @Test
    void tokensOfAnotherIssuerOrAudienceAreUnauthorizedProblemsAndTheRightOneWorks() {
        TestOwner owner = fixtures().owner();
        UUID block = fixtures().block(owner.id(), "work");
        UUID session = UUID.randomUUID();
        String live = fixtures().session(owner.id());

        for (DevTokens refused : List.of(
                Fixtures.TOKENS.withIssuer("https://attacker.example"),
                Fixtures.TOKENS.withAudience("another-service"))) {
            Answer answer =
                    api().delete("/v1/blocks/" + block, refused.ownerToken(owner.id(), session, Duration.ofHours(1)));
            assertUnauthorized(answer);
            Answer asAdmin =
                    api().get("/v1/admin/blocks?ownerId=" + owner.id(), refused.adminToken("ops", Duration.ofHours(1)));
            assertUnauthorized(asAdmin);
        }
        assertThat(fixtures().deletionState(block)).isNull();
        assertThat(api().get("/v1/blocks/" + block, live).status()).isEqualTo(200);
        assertThat(api().get("/v1/admin/blocks?ownerId=" + owner.id(), Fixtures.adminToken())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void firewallAndContainerRefusalsAreBadRequestProblems() {
        for (String target : RawHttp.REFUSED_BEFORE_THE_APPLICATION) {
            RawHttp.Answer answer = RawHttp.get(port(), target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("application/problem+json");
            assertThat(answer.body()).as(target).contains("\"status\":400");
        }
    }

    private static void assertUnauthorized(Answer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.isProblem()).isTrue();
        assertThat(answer.header("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
}
