package dev.deletionpipeline.security;

import dev.deletionpipeline.common.auth.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The HTTP security of the services, so that each one does not carry its own copy. Tokens are verified against the
 * issuer's JWKS when {@code deletion.security.jwk-set-uri} is set, otherwise with HS256 and
 * {@code deletion.security.hs256-secret}; expiry against the service's {@link Clock}; {@code iss} and {@code aud}
 * against {@code deletion.security.issuer} and {@code .audience} (required outside the local profile, see
 * {@link TokenSettingsCheck}). The default filter chain is the operator services' (deletion-worker, reconciler): every
 * {@code /v1/**} call needs a bearer JWT with the {@code admin} role; health, info, metrics scraping and the error page
 * are open, and so are the static paths a service lists as {@link PublicPaths}; everything else is refused. Browsers
 * of the origins in {@code deletion.security.cors.allowed-origins} may call {@code /v1/**} (the ops dashboard). Requests refused before Spring MVC (the firewall, Tomcat itself) answer
 * {@code application/problem+json} too. Reads no topic and no table.
 *
 * <p>Ordered before Spring Boot's security auto-configurations, whose default filter chain, JWT decoder and generated
 * user then back off. A service that needs other rules (deletion-api) declares its own {@link SecurityFilterChain} and
 * still gets the decoder, the roles converter and the problem answers from here.
 */
@AutoConfiguration(
        before = {
            OAuth2ResourceServerAutoConfiguration.class,
            ManagementWebSecurityAutoConfiguration.class,
            ServletWebSecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({SecuritySettings.class, CorsSettings.class})
public class OperatorSecurityAutoConfiguration {

    /** Reachable without a token: probes, build info, Prometheus scraping and the error page. */
    static final String[] OPEN_PATHS = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error"
    };

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain operatorSecurityFilterChain(
            HttpSecurity http,
            JwtDecoder decoder,
            JwtAuthenticationConverter rolesAsAuthorities,
            ObjectProvider<PublicPaths> publicPaths)
            throws Exception {
        SecurityProblems problems = new SecurityProblems();
        String[] servedOpenly = publicPaths
                .orderedStream()
                .flatMap(paths -> paths.patterns().stream())
                .toArray(String[]::new);
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(Customizer.withDefaults())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(OPEN_PATHS).permitAll();
                    if (servedOpenly.length > 0) {
                        rules.requestMatchers(servedOpenly).permitAll();
                    }
                    rules.requestMatchers("/v1/**")
                            .hasRole(TokenClaims.ROLE_ADMIN)
                            .anyRequest()
                            .denyAll();
                })
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(rolesAsAuthorities))
                                .authenticationEntryPoint(problems)
                                .accessDeniedHandler(problems))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecuritySettings settings, ObjectProvider<Clock> clock) {
        return decoder(settings, clock.getIfUnique(Clock::systemUTC));
    }

    /** Picked up by {@code cors(withDefaults())} in every service's filter chain, deletion-api's included. */
    // by name: Spring MVC's HandlerMappingIntrospector is a CorsConfigurationSource too
    @Bean
    @ConditionalOnMissingBean(name = "corsConfigurationSource")
    CorsConfigurationSource corsConfigurationSource(CorsSettings settings) {
        return settings.source();
    }

    @Bean
    @ConditionalOnMissingBean
    RequestRejectedHandler requestRejectedHandler() {
        return new FirewallProblems();
    }

    /** The {@code roles} claim as {@code ROLE_*} authorities, so that {@code hasRole("admin")} works. */
    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(TokenClaims.ROLES);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }

    static JwtDecoder decoder(SecuritySettings settings, Clock clock) {
        NimbusJwtDecoder decoder = settings.usesJwkSet()
                ? NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri()).build()
                : NimbusJwtDecoder.withSecretKey(hs256Key(settings))
                        .macAlgorithm(MacAlgorithm.HS256)
                        .build();
        decoder.setJwtValidator(validator(settings, clock));
        return decoder;
    }

    private static SecretKeySpec hs256Key(SecuritySettings settings) {
        byte[] secret = settings.hs256Secret() == null
                ? new byte[0]
                : settings.hs256Secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < TokenSettingsCheck.MIN_HS256_SECRET_BYTES) {
            // the message names the setting, never its value
            throw new IllegalStateException(
                    "deletion.security.hs256-secret must be at least " + TokenSettingsCheck.MIN_HS256_SECRET_BYTES
                            + " bytes, or deletion.security.jwk-set-uri must be set");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static OAuth2TokenValidator<Jwt> validator(SecuritySettings settings, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
        timestamps.setClock(clock);
        timestamps.setAllowEmptyExpiryClaim(false);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps));
        if (settings.checksIssuer()) {
            validators.add(new JwtIssuerValidator(settings.issuer()));
        }
        if (settings.checksAudience()) {
            validators.add(new JwtAudienceValidator(settings.audience()));
        }
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    /** Tomcat's own refusals (before any filter runs) as problems: {@link ProblemErrorReportValve} on the host. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({StandardHost.class, TomcatServletWebServerFactory.class})
    static class TomcatProblemsConfiguration {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                // the host adds a valve of this class when it starts, unless it finds one already
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                pipeline.addValve(new ProblemErrorReportValve());
            });
        }
    }
}
