package dev.deletionpipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.deletionpipeline.common.auth.TokenClaims;
import dev.deletionpipeline.localstack.auth.DevTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The token checks every service relies on, without a server: signature, algorithm, expiry, issuer, audience. */
class JwtDecoderTest {

    private static final Duration VALIDITY = Duration.ofMinutes(5);
    private static final SecuritySettings LOCAL = new SecuritySettings(
            TokenClaims.LOCAL_DEV_SECRET, "", TokenClaims.LOCAL_ISSUER, TokenClaims.LOCAL_AUDIENCE);

    private final JwtDecoder decoder = OperatorSecurityAutoConfiguration.decoder(LOCAL, Clock.systemUTC());

    @Test
    void hs256TokenSignedWithTheConfiguredSecretIsAcceptedAndItsRolesBecomeAuthorities() {
        Jwt jwt = decoder.decode(DevTokens.local().adminToken("ops", VALIDITY));

        assertThat(jwt.getSubject()).isEqualTo("ops");
        assertThat(new OperatorSecurityAutoConfiguration()
                        .jwtAuthenticationConverter()
                        .convert(jwt)
                        .getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_" + TokenClaims.ROLE_ADMIN);
    }

    @Test
    void tokenSignedWithAnotherSecretIsRejected() {
        String forged = new DevTokens("another-secret-another-secret-another-secret").adminToken("ops", VALIDITY);

        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
    }

    @Test
    void unsignedTokenWithAlgNoneIsRejected() {
        Instant now = Instant.now();
        String unsigned = new PlainJWT(new JWTClaimsSet.Builder()
                        .subject("ops")
                        .claim(TokenClaims.ROLES, List.of(TokenClaims.ROLE_ADMIN))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(VALIDITY)))
                        .build())
                .serialize();

        assertThat(unsigned).startsWith("eyJhbGciOiJub25lIn0");
        assertThatThrownBy(() -> decoder.decode(unsigned)).isInstanceOf(JwtException.class);
    }

    @Test
    void expiredTokenIsRejected() {
        String token = DevTokens.local().adminToken("ops", VALIDITY);
        Clock later = Clock.fixed(Instant.now().plus(VALIDITY).plusSeconds(60), ZoneOffset.UTC);

        assertThatThrownBy(() ->
                        OperatorSecurityAutoConfiguration.decoder(LOCAL, later).decode(token))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void tokenOfAnotherIssuerIsRejectedWhenAnIssuerIsConfigured() {
        String token = DevTokens.local().adminToken("ops", VALIDITY);
        var expectingLocal = LOCAL;
        var expectingOther = new SecuritySettings(
                TokenClaims.LOCAL_DEV_SECRET, "", "https://issuer.example", TokenClaims.LOCAL_AUDIENCE);

        assertThat(OperatorSecurityAutoConfiguration.decoder(expectingLocal, Clock.systemUTC())
                        .decode(token)
                        .getSubject())
                .isEqualTo("ops");
        assertThatThrownBy(() -> OperatorSecurityAutoConfiguration.decoder(expectingOther, Clock.systemUTC())
                        .decode(token))
                .isInstanceOf(JwtException.class);
    }

    @Test
    void tokenForAnotherAudienceOrWithoutAudienceIsRejected() {
        String otherAudience = DevTokens.local().withAudience("another-service").adminToken("ops", VALIDITY);
        String noAudience = DevTokens.local().withAudience(null).adminToken("ops", VALIDITY);

        for (String token : new String[] {otherAudience, noAudience}) {
            assertThatThrownBy(() -> decoder.decode(token))
                    .isInstanceOf(JwtException.class)
                    .hasMessageContaining("aud");
        }
    }

    @Test
    void tokenOfAnotherIssuerIsRejectedWithTheClaimNamed() {
        String token = DevTokens.local().withIssuer("https://attacker.example").adminToken("ops", VALIDITY);

        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining("iss");
    }

    @Test
    void secretShorterThan32BytesStopsStartUpWithoutRevealingIt() {
        var weak = new SecuritySettings("too-short-secret", "", "", "");

        assertThatThrownBy(() -> OperatorSecurityAutoConfiguration.decoder(weak, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deletion.security.hs256-secret")
                .hasMessageNotContaining("too-short-secret");
    }

    @Test
    void settingsNeverPrintTheSecret() {
        assertThat(LOCAL.toString()).doesNotContain(TokenClaims.LOCAL_DEV_SECRET);
    }

    @Test
    void autoConfigurationIsRegisteredSoThatTheDependencyAloneEnablesIt() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(OperatorSecurityAutoConfiguration.class.getName());
    }
}
