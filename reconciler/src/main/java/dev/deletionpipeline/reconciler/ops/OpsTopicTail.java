package dev.deletionpipeline.reconciler.ops;

import dev.deletionpipeline.settings.DeploymentTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads {@code deletion.ops.v1}, {@code deletion.orphans.v1}, {@code deletion.receipts.v1} and
 * {@code deletion.status.v1} from their ends (the ops topic from {@code historySize} records back, to fill the
 * charts at once) into the {@link OpsFeed}. No consumer group: every reconciler instance sees every record, whichever
 * partitions its Kafka Streams tasks hold, and commits nothing. Reads committed records only, as the topology writes
 * them in exactly-once transactions.
 */
@Component
class OpsTopicTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OpsTopicTail.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final Duration TOPICS_MISSING_RETRY = Duration.ofSeconds(5);

    private final Map<String, Object> consumerConfig;
    private final Map<String, OpsEvent> eventsByTopic;
    private final OpsFeed feed;
    private final int historySize;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaConsumer<String, String> consumer;
    private volatile Thread thread;

    OpsTopicTail(
            KafkaProperties kafka,
            KafkaConnectionDetails connection,
            DeploymentTopics topics,
            OpsSettings settings,
            OpsFeed feed) {
        this.consumerConfig = new HashMap<>(kafka.buildConsumerProperties());
        consumerConfig.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                connection.getConsumer().getBootstrapServers());
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "reconciler-ops-tail");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.eventsByTopic = new HashMap<>();
        for (OpsEvent event : OpsEvent.values()) {
            eventsByTopic.put(topics.of(event.topic()).name(), event);
        }
        this.feed = feed;
        this.historySize = settings.historySize();
    }

    @Override
    public void start() {
        thread = new Thread(this::run, "ops-topic-tail");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        stopped.countDown();
        if (thread == null) {
            return;
        }
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && stopped.getCount() > 0;
    }

    private void run() {
        try (KafkaConsumer<String, String> tail = new KafkaConsumer<>(consumerConfig)) {
            consumer = tail;
            while (!isStopped() && !assign(tail)) {
                if (stopped.await(TOPICS_MISSING_RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            while (!isStopped()) {
                for (ConsumerRecord<String, String> record : tail.poll(POLL)) {
                    feed.accept(eventsByTopic.get(record.topic()), record.key(), record.value());
                }
                feed.tick();
            }
        } catch (WakeupException stopping) {
            // stop() woke the poll
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The ops dashboard's topic tail stopped; the dashboard gets no live updates: {}", e.toString());
        }
    }

    /** Every partition of the fed topics, at their ends; false while a topic does not exist yet. */
    private boolean assign(KafkaConsumer<String, String> tail) {
        List<TopicPartition> partitions = new ArrayList<>();
        List<TopicPartition> summaryPartitions = new ArrayList<>();
        for (Map.Entry<String, OpsEvent> topic : eventsByTopic.entrySet()) {
            List<PartitionInfo> infos = tail.partitionsFor(topic.getKey());
            if (infos == null || infos.isEmpty()) {
                log.info("Topic {} not there yet; the ops dashboard waits for it", topic.getKey());
                return false;
            }
            for (PartitionInfo info : infos) {
                TopicPartition partition = new TopicPartition(info.topic(), info.partition());
                partitions.add(partition);
                if (topic.getValue() == OpsEvent.SUMMARY) {
                    summaryPartitions.add(partition);
                }
            }
        }
        tail.assign(partitions);
        tail.seekToEnd(partitions);
        Map<TopicPartition, Long> beginnings = tail.beginningOffsets(summaryPartitions);
        tail.endOffsets(summaryPartitions)
                .forEach((partition, end) ->
                        tail.seek(partition, Math.max(beginnings.get(partition), end - historySize)));
        return true;
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }
}
