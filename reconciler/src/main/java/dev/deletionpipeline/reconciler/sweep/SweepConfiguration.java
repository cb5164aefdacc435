package dev.deletionpipeline.reconciler.sweep;

import dev.deletionpipeline.common.events.OrphanDetected;
import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.reconciler.redrive.OutboxRedrive;
import dev.deletionpipeline.settings.DeploymentTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the safety-net sweep when {@code deletion.reconciler.sweep.enabled} is true (the default). It builds its own
 * JDBC transaction manager and Kafka producer rather than taking shared beans, so it does not depend on, or change,
 * what the rest of the reconciler configures.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeploymentTopics.class)
@ConditionalOnBooleanProperty(name = "deletion.reconciler.sweep.enabled", matchIfMissing = true)
class SweepConfiguration {

    /** The sweep and its parts; tests call this with their own producer, clock and settings. */
    static SafetyNetSweep sweep(
            DataSource dataSource, OrphanReporter reporter, SweepSettings settings, MeterRegistry meters, Clock clock) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        OutboxRedrive redrive = new OutboxRedrive(jdbc);
        // the order in which the rules share maxRows: claims first (a worker died), then lost deliveries, then
        // leftovers
        List<SweepRule> rules = List.of(
                new ExpiredClaimFinder(jdbc, redrive),
                new StuckDeletionFinder(jdbc, redrive, settings.deadline()),
                new ChainLeftoverFinder(jdbc),
                new OrphanChildFinder(jdbc));
        return new SafetyNetSweep(
                rules,
                new BlastRadiusGuard(jdbc, settings.maxShare(), meters),
                reporter,
                new TransactionTemplate(new JdbcTransactionManager(dataSource)),
                settings,
                clock,
                meters);
    }

    @Bean(destroyMethod = "close")
    OrphanReporter sweepOrphanReporter(
            KafkaProperties kafka, DeploymentTopics topics, MeterRegistry meters, ObjectProvider<Clock> clock) {
        Map<String, Object> config = kafka.buildProducerProperties();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reconciler-sweep");
        KafkaProducer<String, OrphanDetected> producer = new KafkaProducer<>(
                config,
                Topics.DELETION_ORPHANS.keySerde().serializer(),
                Topics.DELETION_ORPHANS.valueSerde().serializer());
        String topic = topics.of(Topics.DELETION_ORPHANS).name();
        return new OrphanReporter(producer, topic, meters, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SafetyNetSweep safetyNetSweep(
            DataSource dataSource,
            OrphanReporter sweepOrphanReporter,
            SweepSettings settings,
            MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        return sweep(dataSource, sweepOrphanReporter, settings, meters, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SweepSchedule safetyNetSweepSchedule(SafetyNetSweep safetyNetSweep, SweepSettings settings) {
        return new SweepSchedule(safetyNetSweep, settings);
    }
}
