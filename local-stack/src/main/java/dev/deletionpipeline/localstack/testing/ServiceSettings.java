package dev.deletionpipeline.localstack.testing;

import java.util.List;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.origin.Origin;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * A service's settings records bound the way the service binds them: from its {@code application.yml}, where every
 * default lives (no record repeats one), and the command line, with their {@code @Validated} constraints checked.
 * Each service's {@code SettingsValidationTest} passes the configuration that registers its records; the service
 * brings Spring Boot (optional here).
 */
public final class ServiceSettings {

    private ServiceSettings() {}

    /** Every settings record of the configuration binds from {@code application.yml} alone and passes its checks. */
    public static void assertApplicationYmlHoldsEveryDefault(Class<?> configuration) {
        try (ConfigurableApplicationContext context = start(configuration)) {
            if (context.getBeansWithAnnotation(ConfigurationProperties.class).isEmpty()) {
                throw new AssertionError(configuration.getName() + " registers no settings record");
            }
        }
    }

    /**
     * {@code property=value} on the command line stops the start with Spring Boot's binding-validation refusal of
     * that property alone, for {@code reason}: what the start-up failure report prints as its origin and reason.
     */
    public static void assertRefused(Class<?> configuration, String property, String value, String reason) {
        try (ConfigurableApplicationContext context = start(configuration, "--" + property + "=" + value)) {
            throw new AssertionError(property + "=" + value + " was accepted");
        } catch (RuntimeException failure) {
            if (!(NestedExceptionUtils.getRootCause(failure) instanceof BindValidationException refusal)) {
                throw new AssertionError("not a binding-validation refusal", failure);
            }
            List<String> refused = refusal.getValidationErrors().getAllErrors().stream()
                    .map(error -> Origin.from(error) + ": " + error.getDefaultMessage())
                    .toList();
            String expected = "\"" + property + "\" from property source \"commandLineArgs\": " + reason;
            if (!refused.equals(List.of(expected))) {
                throw new AssertionError("expected the refusal " + expected + ", got " + refused, failure);
            }
        }
    }

    private static ConfigurableApplicationContext start(Class<?> configuration, String... arguments) {
        return new SpringApplicationBuilder(configuration)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(arguments);
    }
}
