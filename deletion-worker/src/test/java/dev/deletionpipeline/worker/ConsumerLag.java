package dev.deletionpipeline.worker;

import dev.deletionpipeline.common.topics.Topics;
import dev.deletionpipeline.localstack.testing.SharedInfrastructure;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Whether the worker's consumer group has committed everything on its lifecycle topic: all records were taken in. */
public final class ConsumerLag {

    private ConsumerLag() {}

    public static boolean caughtUp(String topicPrefix) {
        String topic = Topics.BLOCKS_LIFECYCLE.withPrefix(topicPrefix).name();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfrastructure.kafka().bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(topicPrefix + "worker")
                    .partitionsToOffsetAndMetadata()
                    .get();
            Map<TopicPartition, OffsetSpec> latest =
                    admin
                            .describeTopics(java.util.List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata done = committed.get(end.getKey());
                return (done == null ? 0 : done.offset()) >= end.getValue().offset();
            });
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
