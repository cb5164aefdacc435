package dev.deletionpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.localstack.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the firewall and Tomcat refuse before Spring MVC answers {@code application/problem+json}, like every other
 * error, asked with raw requests over a socket of a running server.
 */
@SpringBootTest(
        classes = SecuredTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.import=classpath:deletion-security-local.yml")
class RefusalsBeforeMvcTest {

    @LocalServerPort
    private int port;

    @Test
    void firewallAndContainerRefusalsAreBadRequestProblems() {
        for (String target : RawHttp.REFUSED_BEFORE_THE_APPLICATION) {
            RawHttp.Answer answer = RawHttp.get(port, target);

            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("application/problem+json");
            assertThat(answer.body()).as(target).contains("\"status\":400").doesNotContain("<html");
        }
    }

    @Test
    void aMalformedRequestLineIsABadRequestProblem() {
        RawHttp.Answer answer = RawHttp.send(port, "GET /v1/ping HTTP/1.1 trailing\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aNormalRequestStillReachesSecurity() {
        RawHttp.Answer answer = RawHttp.get(port, "/v1/ping");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }
}
