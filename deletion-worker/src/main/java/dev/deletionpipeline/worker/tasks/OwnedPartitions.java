package dev.deletionpipeline.worker.tasks;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The partitions of {@code blocks.lifecycle.v1} this instance's intake consumers hold, kept by their rebalances: the
 * dispatchers pick only the tasks taken in from these partitions, so instances divide the work as Kafka divides the
 * partitions, and a rebalance hands the waiting tasks over with their partition. The claim on the block, not this
 * set, keeps two instances from deleting one block during a rebalance.
 */
@Component
public class OwnedPartitions implements ConsumerAwareRebalanceListener {

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final TaskSignal signal;
    private volatile int partitionCount;

    OwnedPartitions(TaskSignal signal) {
        this.signal = signal;
    }

    public Set<Integer> held() {
        return Set.copyOf(owned);
    }

    /** Whether these partitions, held now, are all there are. */
    boolean all(Set<Integer> held) {
        return partitionCount > 0 && held.size() >= partitionCount;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        partitionCount =
                consumer.partitionsFor(partitions.iterator().next().topic()).size();
        partitions.forEach(partition -> owned.add(partition.partition()));
        // tasks handed over with these partitions may be due already
        signal.signal();
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.remove(partition.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevokedBeforeCommit(consumer, partitions);
    }
}
