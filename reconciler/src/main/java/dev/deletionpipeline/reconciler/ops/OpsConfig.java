package dev.deletionpipeline.reconciler.ops;

import dev.deletionpipeline.security.PublicPaths;
import dev.deletionpipeline.settings.DeploymentTopics;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires the dashboard: its page under {@code /ops} ({@code src/main/resources/static/ops}) served without a token —
 * the page holds no data; it asks for an admin token and sends it on every call — and its live feed, which
 * {@link OpsTopicTail} fills.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentTopics.class)
class OpsConfig implements WebMvcConfigurer {

    static final String PAGE = "/ops/";

    @Bean
    PublicPaths opsPage() {
        return new PublicPaths(List.of("/ops", "/ops/", "/ops/*"));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/ops", PAGE);
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + "index.html");
    }

    @Bean
    OpsFeed opsFeed(OpsSettings settings, Clock clock) {
        return new OpsFeed(settings, clock);
    }
}
