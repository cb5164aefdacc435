package dev.deletionpipeline.reconciler.query;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Calls between instances: the client that asks an allowed peer with this service's own credential, and, on the
 * receiving side, that credential's authentication on the forwarded queries. Both go into the filter chain of
 * {@code service-security} as Spring Security customizer beans, so the admin-only rules stay in one place.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PeerSettings.class)
class PeerConfig {

    @Bean
    PeerClient peerClient(PeerSettings peers) {
        return new HttpPeerClient(peers);
    }

    /** A peer's forwarded query is authenticated by its peer credential, inside the service-security filter chain. */
    @Bean
    Customizer<HttpSecurity> peerAuthentication(PeerSettings peers) {
        return http -> http.addFilterBefore(new PeerAuthentication(peers), BearerTokenAuthenticationFilter.class);
    }

    /** Applied before the chain's own rules (admin only on /v1/**): the query paths also admit a peer. */
    @Bean
    Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry>
            peerQueryRules() {
        return rules -> rules.requestMatchers(HttpMethod.GET, PeerAuthentication.QUERY_PATHS)
                .hasAnyRole(PeerAuthentication.queryRoles().toArray(String[]::new));
    }
}
