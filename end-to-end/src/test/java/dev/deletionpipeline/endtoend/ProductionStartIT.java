package dev.deletionpipeline.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.localstack.launcher.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each service's jar started as in production (no local profile, nothing else running: no database, no Kafka) with the
 * published dev secret, or with no token settings at all, exits non-zero within seconds with the one line that names
 * the setting, and no stack trace.
 */
class ProductionStartIT {

    /**
     * Starting a JVM and Spring Boot up to the check takes a few seconds alone; the four cases start at once, and on a
     * 2-core machine loaded by other builds they took over 30 s. What is under test is that the service stops before
     * it serves (no "Tomcat started"), not how fast the machine is.
     */
    private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

    private static final String DEV_SECRET_LINE = "deletion.security.hs256-secret (JWT_SECRET) is the published"
            + " development secret; set your own (>= 32 bytes) or deletion.security.jwk-set-uri (JWT_JWK_SET_URI)";
    private static final String NO_SETTINGS_LINE = "No token settings: set deletion.security.jwk-set-uri"
            + " (JWT_JWK_SET_URI) or deletion.security.hs256-secret (JWT_SECRET, >= 32 bytes)";

    @TempDir
    Path logs;

    @ParameterizedTest
    @CsvSource({"deletion-api, dev-secret", "deletion-api, none", "deletion-worker, dev-secret", "reconciler, none"})
    void serviceStartedAsInProductionWithUnsafeTokenSettingsExitsWithOneLine(String service, String secret)
            throws IOException {
        Map<String, String> environment = new HashMap<>(Map.of(
                "SPRING_PROFILES_ACTIVE", "",
                "JWT_JWK_SET_URI", "",
                "JWT_SECRET", secret.equals("none") ? "" : TokenClaims.LOCAL_DEV_SECRET,
                "JWT_ISSUER", "https://login.example",
                "JWT_AUDIENCE", "deletion-pipeline"));
        String line = secret.equals("none") ? NO_SETTINGS_LINE : DEV_SECRET_LINE;

        ServiceProcess process = ServiceProcess.start(
                service, LocalStackProcess.HOME, ComposedStack.freePort(), environment, List.of("-Xmx192m"), logs);
        OptionalInt exit = process.awaitExit(EXIT_WITHIN);
        if (exit.isEmpty()) {
            process.kill();
        }

        String output = Files.readString(process.log());
        assertThat(exit).as(output).isPresent();
        assertThat(exit.getAsInt()).as(output).isNotZero();
        assertThat(output).contains(line).doesNotContain("\tat ").doesNotContain("Tomcat started");
    }
}
