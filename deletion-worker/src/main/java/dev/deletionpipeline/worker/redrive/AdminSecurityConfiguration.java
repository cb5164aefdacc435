package dev.deletionpipeline.worker.redrive;

import dev.deletionpipeline.common.auth.TokenClaims;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Bearer-JWT security of the worker's HTTP surface, the same scheme as deletion-api: {@code /v1/admin/**} needs the
 * {@code admin} role in the {@code roles} claim, Actuator is open (health, metrics), everything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

    @Bean
    SecurityFilterChain adminSecurity(HttpSecurity http, JwtDecoder adminJwtDecoder) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/v1/admin/**")
                        .hasRole(TokenClaims.ROLE_ADMIN)
                        .requestMatchers("/actuator/**", "/error")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(server -> server.jwt(
                        jwt -> jwt.decoder(adminJwtDecoder).jwtAuthenticationConverter(rolesAsAuthorities())));
        return http.build();
    }

    @Bean
    JwtDecoder adminJwtDecoder(AdminSettings settings) {
        NimbusJwtDecoder decoder = blank(settings.jwkSetUri())
                ? NimbusJwtDecoder.withSecretKey(
                                new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build()
                : NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build();
        if (!blank(settings.issuer())) {
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(settings.issuer()));
        }
        return decoder;
    }

    private static JwtAuthenticationConverter rolesAsAuthorities() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(TokenClaims.ROLES);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
