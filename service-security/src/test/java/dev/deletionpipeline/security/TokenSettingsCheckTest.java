package dev.deletionpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deletionpipeline.common.auth.TokenClaims;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which token settings a service refuses to start with, with and without the local profile. */
class TokenSettingsCheckTest {

    private static final String OWN_SECRET = "an-operator-chosen-secret-of-40-bytes-abc";
    private static final String ISSUER = "https://login.example";
    private static final String AUDIENCE = "deletion-pipeline";

    @Test
    void productionSettingsPass() {
        assertThat(problem(new SecuritySettings(OWN_SECRET, "", ISSUER, AUDIENCE), false))
                .isEmpty();
        assertThat(problem(new SecuritySettings("", "https://login.example/jwks", ISSUER, AUDIENCE), false))
                .isEmpty();
    }

    @Test
    void thePublishedDevSecretIsRefusedOutsideTheLocalProfileWithTheSettingNamed() {
        var dev = new SecuritySettings(TokenClaims.LOCAL_DEV_SECRET, "", ISSUER, AUDIENCE);

        assertThat(problem(dev, false))
                .hasValue("deletion.security.hs256-secret (JWT_SECRET) is the published development secret; set your"
                        + " own (>= 32 bytes) or deletion.security.jwk-set-uri (JWT_JWK_SET_URI)");
        assertThat(problem(dev, true)).isEmpty();
    }

    @Test
    void noTokenSettingsAtAllAreRefusedInEveryProfile() {
        for (boolean local : new boolean[] {false, true}) {
            assertThat(problem(new SecuritySettings(null, null, null, null), local))
                    .get()
                    .asString()
                    .startsWith("No token settings")
                    .contains("JWT_JWK_SET_URI")
                    .contains("JWT_SECRET");
        }
    }

    @Test
    void aShortSecretIsRefusedInEveryProfileWithoutShowingIt() {
        for (boolean local : new boolean[] {false, true}) {
            assertThat(problem(new SecuritySettings("short-secret", "", ISSUER, AUDIENCE), local))
                    .get()
                    .asString()
                    .contains("deletion.security.hs256-secret (JWT_SECRET) is shorter than 32 bytes")
                    .doesNotContain("short-secret");
        }
    }

    @Test
    void issuerAndAudienceAreRequiredOutsideTheLocalProfile() {
        assertThat(problem(new SecuritySettings(OWN_SECRET, "", "", AUDIENCE), false))
                .get()
                .asString()
                .startsWith("deletion.security.issuer (JWT_ISSUER) is not set");
        assertThat(problem(new SecuritySettings(OWN_SECRET, "", ISSUER, null), false))
                .get()
                .asString()
                .startsWith("deletion.security.audience (JWT_AUDIENCE) is not set");
        assertThat(problem(new SecuritySettings(OWN_SECRET, "", "", ""), true)).isEmpty();
    }

    private static Optional<String> problem(SecuritySettings settings, boolean local) {
        return TokenSettingsCheck.problemWith(settings, local);
    }
}
