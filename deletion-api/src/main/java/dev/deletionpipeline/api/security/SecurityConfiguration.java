package dev.deletionpipeline.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The access rules: health, info, metrics and the OpenAPI document are open; every {@code /v1} call needs a bearer
 * token; {@code /v1/admin/**} needs the admin role; owners' own endpoints need the owner role, except the account
 * endpoints, which a withdrawn owner may still reach to undo the withdrawal. Stateless: no cookies, no CSRF.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            JwtDecoder decoder,
            TokenAuthenticationConverter converter,
            ProblemAuthenticationEntryPoint entryPoint,
            ProblemAccessDeniedHandler deniedHandler)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                // the origins of deletion.security.cors.allowed-origins (service-security): the ops dashboard
                .cors(Customizer.withDefaults())
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> rules.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers("/v1/admin/**")
                        .hasRole(Roles.ADMIN)
                        .requestMatchers("/v1/owners/me", "/v1/owners/me/restore")
                        .hasAnyRole(Roles.OWNER, Roles.WITHDRAWN_OWNER)
                        .requestMatchers("/v1/deletions", "/v1/deletions/**")
                        .hasAnyRole(Roles.OWNER, Roles.ADMIN)
                        .requestMatchers("/v1/**")
                        .hasRole(Roles.OWNER)
                        .anyRequest()
                        .denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
        return http.build();
    }

    /**
     * No observations of Spring Security's own steps: with any, each of the chain's ~15 filters is wrapped in an
     * observation (a timer, a long-task timer and 143 series on {@code /actuator/prometheus}) on every request, and the
     * JFR profile of single DELETEs showed them on every request thread; {@code http.server.requests} still times each
     * request, with its status.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
