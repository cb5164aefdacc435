package dev.deletionpipeline.worker.calendar;

import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.apache.v2.ApacheHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.calendar.Calendar;
import dev.deletionpipeline.settings.PositiveDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * The real {@code google-api-services-calendar} client, pointed at the configured root URL, over one pooled HTTP
 * transport (also used for token requests) sized to the configured concurrency.
 */
@Configuration(proxyBeanMethods = false)
class GoogleClientConfiguration {

    /** {@code deletion.worker.google.*} (defaults and meaning of each in application.yml). */
    @Validated
    @ConfigurationProperties("deletion.worker.google")
    record GoogleSettings(
            @NotBlank String rootUrl,
            @NotBlank String applicationName,

            @NotNull @Pattern(regexp = "none|externalOnly|all")
            String sendUpdates,

            @PositiveDuration Duration connectTimeout,
            @PositiveDuration Duration readTimeout,
            @Positive int maxConcurrentRequests,
            @Min(1) @Max(50) int batchSize,
            @NotNull @DurationMin(seconds = 0) Duration calendarCheckTtl,
            @Positive int calendarCheckCacheSize) {}

    @Bean(destroyMethod = "shutdown")
    HttpTransport googleTransport(GoogleSettings settings) {
        // token requests share the pool, hence the head room over the calendar calls
        int connections = settings.maxConcurrentRequests() * 2;
        return new ApacheHttpTransport(ApacheHttpTransport.newDefaultHttpClientBuilder()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .build());
    }

    @Bean
    Calendar calendarClient(HttpTransport googleTransport, GoogleSettings settings) {
        return new Calendar.Builder(googleTransport, GsonFactory.getDefaultInstance(), timeouts(settings))
                .setRootUrl(settings.rootUrl())
                .setApplicationName(settings.applicationName())
                .build();
    }

    static HttpRequestInitializer timeouts(GoogleSettings settings) {
        return request -> request.setConnectTimeout(
                        (int) settings.connectTimeout().toMillis())
                .setReadTimeout((int) settings.readTimeout().toMillis())
                .setNumberOfRetries(0);
    }
}
