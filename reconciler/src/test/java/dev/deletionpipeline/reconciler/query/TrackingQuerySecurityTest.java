package dev.deletionpipeline.reconciler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.common.events.BlockSoftDeleted;
import dev.deletionpipeline.localstack.auth.DevTokens;
import dev.deletionpipeline.localstack.testing.RawHttp;
import dev.deletionpipeline.reconciler.status.QueryFixture;
import dev.deletionpipeline.reconciler.status.TrackingQueries;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The REST queries behind the real security filter chain, which comes from the {@code service-security} dependency
 * alone (its auto-configuration): only an admin token with the configured issuer and audience gets through, or a
 * peer's forwarded query with the peer credential. The reconciler's web layer on a real port over a
 * {@code TopologyTestDriver}'s stores; no broker, no database.
 */
@SpringBootTest(
        classes = TrackingQuerySecurityTest.QueriesOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "deletion.reconciler.peers.allowed=localhost",
            "deletion.reconciler.peers.secret=" + TrackingQuerySecurityTest.PEER_SECRET,
            // no Kafka here, so neither the kafkaListeners nor the kafkaStreams contributor of the service's group
            "management.endpoint.health.group.liveness.include=livenessState"
        })
class TrackingQuerySecurityTest {

    static final String PEER_SECRET = "peer-secret-of-the-security-test-0123456789";

    private static final Duration VALIDITY = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The reconciler's web layer without Kafka Streams, Kafka or PostgreSQL. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(
            excludeName = {
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
            })
    @Import({TrackingQueryController.class, PeerConfig.class})
    static class QueriesOnly {

        @Bean(destroyMethod = "close")
        QueryFixture queryFixture() {
            return new QueryFixture();
        }

        @Bean
        TrackingQueries trackingQueries(QueryFixture fixture) {
            return fixture.queries();
        }

        @Bean
        QueryRouting queryRouting() {
            return QueryRouting.localOnly();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }
    }

    @Autowired
    private WebApplicationContext context;

    @Autowired
    private QueryFixture fixture;

    @LocalServerPort
    private int port;

    private MockMvc mvc;

    @BeforeEach
    void mockMvcWithTheSecurityFilterChain() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                .build();
    }

    @Test
    void queryWithoutATokenIsAnUnauthorizedProblem() throws Exception {
        for (String path : new String[] {"/v1/summary", "/v1/orphans", "/v1/status/" + UUID.randomUUID()}) {
            call(path, null)
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.detail").exists());
        }
    }

    @Test
    void ownerTokenIsAForbiddenProblem() throws Exception {
        String owner = DevTokens.local().ownerToken(UUID.randomUUID(), UUID.randomUUID(), VALIDITY);

        call("/v1/orphans", owner)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void adminTokenGetsTheSameAnswersAsBefore() throws Exception {
        BlockSoftDeleted tracked = fixture.softDelete(Duration.ofMinutes(5));
        String admin = DevTokens.local().adminToken("ops", VALIDITY);

        call("/v1/status/" + tracked.blockId(), admin)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("SOFT_DELETED"));
        call("/v1/status/" + UUID.randomUUID(), admin)
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        call("/v1/summary", admin)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("global"));
        call("/v1/orphans", admin).andExpect(status().isOk());
    }

    @Test
    void tokenWithABadSignatureOrNoJwtAtAllIsUnauthorizedAndNotEchoed() throws Exception {
        String forged = new DevTokens("another-secret-another-secret-another-secret").adminToken("ops", VALIDITY);

        for (String token : new String[] {forged, "not-a-jwt"}) {
            call("/v1/summary", token)
                    .andExpect(status().isUnauthorized())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(content().string(not(containsString(token))))
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, not(containsString(token))));
        }
    }

    @Test
    void expiredAdminTokenIsUnauthorized() throws Exception {
        String expired = expiredAdminToken();

        call("/v1/summary", expired)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(containsString("expired")));
    }

    @Test
    void tokensOfAnotherIssuerOrAudienceAreUnauthorizedProblemsAndTheRightOneWorks() {
        String admin = DevTokens.local().adminToken("ops", VALIDITY);
        String otherIssuer =
                DevTokens.local().withIssuer("https://attacker.example").adminToken("ops", VALIDITY);
        String otherAudience = DevTokens.local().withAudience("another-service").adminToken("ops", VALIDITY);

        for (String refused : new String[] {otherIssuer, otherAudience}) {
            HttpResponse<String> answer = http("/v1/summary", Map.of("Authorization", "Bearer " + refused));
            assertThat(answer.statusCode()).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type"))
                    .get()
                    .asString()
                    .startsWith("application/problem+json");
        }
        assertThat(http("/v1/summary", Map.of("Authorization", "Bearer " + admin))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aPeersForwardedQueryWithThePeerCredentialIsAnswered() {
        HttpResponse<String> answer = http(
                "/v1/summary",
                Map.of(
                        PeerAuthentication.SECRET_HEADER,
                        PEER_SECRET,
                        TrackingQueryController.SCOPE_HEADER,
                        TrackingQueryController.LOCAL_SCOPE));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"name\":\"global\"");
    }

    @Test
    void thePeerCredentialOpensNothingButTheForwardedQueries() throws Exception {
        Map<String, String> peer = Map.of(
                PeerAuthentication.SECRET_HEADER,
                PEER_SECRET,
                TrackingQueryController.SCOPE_HEADER,
                TrackingQueryController.LOCAL_SCOPE);
        Map<String, String> wrongSecret = Map.of(
                PeerAuthentication.SECRET_HEADER,
                "another-peer-secret-0123456789-0123456789",
                TrackingQueryController.SCOPE_HEADER,
                TrackingQueryController.LOCAL_SCOPE);

        assertThat(http("/v1/summary", wrongSecret).statusCode()).isEqualTo(401);
        assertThat(http("/v1/summary", Map.of(PeerAuthentication.SECRET_HEADER, PEER_SECRET))
                        .statusCode())
                .as("not a forwarded query")
                .isEqualTo(401);
        assertThat(http("/actuator/env", peer).statusCode())
                .as("a peer, but not a query")
                .isEqualTo(403);
        mvc.perform(post("/v1/summary")
                        .header(PeerAuthentication.SECRET_HEADER, PEER_SECRET)
                        .header(TrackingQueryController.SCOPE_HEADER, TrackingQueryController.LOCAL_SCOPE))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void firewallAndContainerRefusalsAreBadRequestProblems() {
        for (String target : RawHttp.REFUSED_BEFORE_THE_APPLICATION) {
            RawHttp.Answer answer = RawHttp.get(port, target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("application/problem+json");
        }
    }

    @Test
    void healthIsOpenWithoutAToken() throws Exception {
        call("/actuator/health", null).andExpect(status().isOk());
        call("/actuator/health/liveness", null).andExpect(status().isOk());
    }

    @Test
    void pathsOutsideV1AndTheOpenActuatorEndpointsAreRefusedEvenToAnAdmin() throws Exception {
        String admin = DevTokens.local().adminToken("ops", VALIDITY);

        call("/actuator/env", null).andExpect(status().isUnauthorized());
        call("/actuator/env", admin).andExpect(status().isForbidden());
        call("/internal", admin).andExpect(status().isForbidden());
    }

    /** Signed with the right secret, issued ten minutes ago, expired five minutes ago (beyond the clock skew). */
    private static String expiredAdminToken() throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(TokenClaims.LOCAL_ISSUER)
                .audience(TokenClaims.LOCAL_AUDIENCE)
                .subject("ops")
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenClaims.ROLES, List.of(TokenClaims.ROLE_ADMIN))
                .issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(TokenClaims.LOCAL_DEV_SECRET.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private HttpResponse<String> http(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ResultActions call(String path, String token) throws Exception {
        var request = get(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return mvc.perform(request);
    }
}
