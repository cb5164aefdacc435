package dev.deletionpipeline.reconciler.query;

import dev.deletionpipeline.reconciler.config.ReconcilerProperties;
import dev.deletionpipeline.reconciler.status.TrackingQueries;
import dev.deletionpipeline.reconciler.status.TrackingSettings;
import java.time.Clock;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/** Wires the interactive queries to the running Kafka Streams application and to the other instances. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PeerSettings.class)
class QueryConfig {

    @Bean
    TrackingQueries trackingQueries(StreamsBuilderFactoryBean streams, TrackingSettings settings) {
        return new TrackingQueries(new KafkaStreamsStoreLookup(streams), settings);
    }

    @Bean
    QueryRouting queryRouting(StreamsBuilderFactoryBean streams, ReconcilerProperties properties) {
        return new KafkaStreamsRouting(streams, HostInfo.buildFromEndpoint(properties.applicationServer()));
    }

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

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
