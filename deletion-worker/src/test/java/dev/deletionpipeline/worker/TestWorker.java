package dev.deletionpipeline.worker;

import dev.deletionpipeline.localstack.calendar.CalendarStandIn;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import dev.deletionpipeline.localstack.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One deletion-worker, started as the real application against the shared PostgreSQL and Kafka and a Google Calendar
 * stand-in, with test-sized timings. Closing it is a worker going away; starting another is a restart.
 */
public final class TestWorker implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TestWorker(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * @param overrides settings that differ from the test defaults
     * @param singletons beans to add, e.g. a {@code Clock} or a {@code RoundObserver}, by name; a
     *     {@code BeanPostProcessor} among them also post-processes the worker's beans
     */
    public static TestWorker start(
            TestDatabase database,
            String topicPrefix,
            CalendarStandIn standIn,
            Map<String, Object> overrides,
            Map<String, Object> singletons) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put(
                "spring.kafka.bootstrap-servers", SharedInfrastructure.kafka().bootstrapServers());
        properties.put("deletion.topic-prefix", topicPrefix);
        properties.put("deletion.worker.intake.group-id", topicPrefix + "worker");
        properties.put("deletion.worker.google.root-url", standIn.rootUrl());
        properties.put("deletion.worker.credentials.token-url", standIn.tokenUrl());
        properties.put("deletion.worker.dispatch.idle-poll", "100ms");
        properties.put("deletion.worker.dispatch.claim-lease", "5s");
        properties.put("deletion.worker.dispatch.shutdown-timeout", "5s");
        properties.put("deletion.worker.retry.max-attempts", "4");
        properties.put("deletion.worker.retry.initial-backoff", "200ms");
        properties.put("deletion.worker.retry.max-backoff", "1s");
        properties.put("deletion.worker.rate-limit.initial-slow-down", "500ms");
        properties.put("deletion.worker.rate-limit.max-slow-down", "5s");
        properties.put("deletion.worker.dead-letters.republish-interval", "1s");
        properties.put("deletion.worker.dead-letters.republish-after", "2s");
        properties.putAll(overrides);
        // as command-line arguments, which win over application.yml (builder properties would not)
        String[] arguments = properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(DeletionWorkerApplication.class);
        builder.initializers(context -> singletons.forEach((name, bean) -> {
            context.getBeanFactory().registerSingleton(name, bean);
            if (bean instanceof BeanPostProcessor postProcessor) {
                context.getBeanFactory().addBeanPostProcessor(postProcessor);
            }
        }));
        return new TestWorker(builder.run(arguments));
    }

    public static TestWorker start(TestDatabase database, String topicPrefix, CalendarStandIn standIn) {
        return start(database, topicPrefix, standIn, Map.of(), Map.of());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        context.close();
    }
}
