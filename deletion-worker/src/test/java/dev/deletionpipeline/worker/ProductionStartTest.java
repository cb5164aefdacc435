package dev.deletionpipeline.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.security.UnsafeSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * deletion-worker started as in production (no local profile) with its shipped application.yml refuses the published
 * dev secret and missing token settings before it touches the database or Kafka (none is running here). With the local
 * profile it starts: every other integration test does.
 */
class ProductionStartTest {

    private static final String NOT_LOCAL = "--spring.profiles.active=production";

    @Test
    void theDevSecretStopsTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeletionWorkerApplication.class)
                        .run(
                                NOT_LOCAL,
                                "--deletion.security.hs256-secret=" + TokenClaims.LOCAL_DEV_SECRET,
                                "--deletion.security.issuer=https://login.example",
                                "--deletion.security.audience=deletion-pipeline"))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith(
                        "deletion.security.hs256-secret (JWT_SECRET) is the published development secret");
    }

    @Test
    void noTokenSettingsStopTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeletionWorkerApplication.class).run(NOT_LOCAL))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("No token settings");
    }

    @Test
    void googleCallsWithoutCredentialsStopTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeletionWorkerApplication.class)
                        .run(
                                NOT_LOCAL,
                                "--deletion.security.hs256-secret=an-operator-chosen-secret-of-32-bytes-or-more",
                                "--deletion.security.issuer=https://login.example",
                                "--deletion.security.audience=deletion-pipeline",
                                "--deletion.worker.credentials.mode=NONE"))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("deletion.worker.credentials.mode (GOOGLE_CREDENTIALS_MODE) is NONE");
    }
}
