package dev.deletionpipeline.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.api.DeletionApiApplication;
import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.security.UnsafeSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * deletion-api started as in production (no local profile) with its shipped application.yml refuses the published dev
 * secret and missing token settings before it touches the database or Kafka (none is running here), with one line.
 * With the local profile it starts: every other integration test does.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStartTest {

    private static final String NOT_LOCAL = "--spring.profiles.active=production";

    @Test
    void theDevSecretStopsTheStartWithOneLineNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeletionApiApplication.class)
                        .run(
                                NOT_LOCAL,
                                "--deletion.security.hs256-secret=" + TokenClaims.LOCAL_DEV_SECRET,
                                "--deletion.security.issuer=https://login.example",
                                "--deletion.security.audience=deletion-pipeline"))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith(
                        "deletion.security.hs256-secret (JWT_SECRET) is the published development secret");
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void noTokenSettingsStopTheStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeletionApiApplication.class).run(NOT_LOCAL))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("No token settings");
    }

    @Test
    void anIssuerAndAnAudienceAreRequired() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeletionApiApplication.class)
                        .run(NOT_LOCAL, "--deletion.security.hs256-secret=an-operator-chosen-secret-of-40-bytes-abc"))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("deletion.security.issuer (JWT_ISSUER)");
    }
}
