package dev.deletionpipeline.api.support;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one source of "now" for grace periods, restore windows, the withdrawal purge and token expiry. Tests replace it
 * with a clock they can move; nothing in deletion-api calls {@code Instant.now()} directly.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
