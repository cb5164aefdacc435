package dev.deletionpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deletionpipeline.common.auth.TokenClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service started as in production (no local profile) with the published dev secret, or with no token settings at
 * all, stops before it opens a port, with one line naming the setting and no stack trace; with the local profile and
 * its settings file it starts. The test JVM runs with {@code spring.profiles.active=local}; the command line overrides
 * it here.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupRefusalTest {

    static final String DEV_SECRET_LINE = "deletion.security.hs256-secret (JWT_SECRET) is the published development"
            + " secret; set your own (>= 32 bytes) or deletion.security.jwk-set-uri (JWT_JWK_SET_URI)";
    private static final String NOT_LOCAL = "--spring.profiles.active=production";

    @Test
    void devSecretWithoutTheLocalProfileStopsTheStartWithOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        NOT_LOCAL,
                        "--deletion.security.hs256-secret=" + TokenClaims.LOCAL_DEV_SECRET,
                        "--deletion.security.issuer=https://login.example",
                        "--deletion.security.audience=deletion-pipeline"))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessage(DEV_SECRET_LINE);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains(DEV_SECRET_LINE)
                .doesNotContain("\tat ")
                .doesNotContain("Tomcat started");
    }

    @Test
    void theLocalSettingsFileOutsideTheLocalProfileDoesNotApply() {
        assertThatThrownBy(() -> start(NOT_LOCAL, SecuredTestApplication.LOCAL_SETTINGS))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("No token settings");
    }

    @Test
    void noTokenSettingsAtAllStopTheStart(CapturedOutput output) {
        assertThatThrownBy(() -> start(NOT_LOCAL))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessageStartingWith("No token settings: set deletion.security.jwk-set-uri (JWT_JWK_SET_URI)");
        assertThat(output.getAll()).doesNotContain("\tat ");
    }

    @Test
    void withTheLocalProfileAndItsSettingsTheServiceStarts() {
        try (ConfigurableApplicationContext context =
                start("--spring.profiles.active=" + TokenClaims.LOCAL_PROFILE, SecuredTestApplication.LOCAL_SETTINGS)) {
            SecuritySettings settings = context.getBean(SecuritySettings.class);
            assertThat(settings.hs256Secret()).isEqualTo(TokenClaims.LOCAL_DEV_SECRET);
            assertThat(settings.issuer()).isEqualTo(TokenClaims.LOCAL_ISSUER);
            assertThat(settings.audience()).isEqualTo(TokenClaims.LOCAL_AUDIENCE);
        }
    }

    @Test
    void aRetiredTopicPrefixSettingStopsTheStartNamingItsReplacement(CapturedOutput output) {
        String line = "deletion.worker.topic-prefix is no longer read; set deletion.topic-prefix"
                + " (DELETION_TOPIC_PREFIX) instead";
        assertThatThrownBy(() -> start(
                        "--spring.profiles.active=" + TokenClaims.LOCAL_PROFILE,
                        SecuredTestApplication.LOCAL_SETTINGS,
                        "--deletion.worker.topic-prefix=staging."))
                .isInstanceOf(UnsafeSettingException.class)
                .hasMessage(line);
        assertThat(output.getAll()).contains(line).doesNotContain("\tat ").doesNotContain("Tomcat started");
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        String[] all = new String[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--server.port=0";
        return new SpringApplicationBuilder(SecuredTestApplication.class).run(all);
    }
}
