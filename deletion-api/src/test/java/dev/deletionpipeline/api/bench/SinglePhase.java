package dev.deletionpipeline.api.bench;

import dev.deletionpipeline.api.bench.BenchReport.CommitToKafka;
import dev.deletionpipeline.api.bench.BenchReport.SingleDeletes;
import dev.deletionpipeline.api.bench.LifecycleWatcher.Arrival;
import dev.deletionpipeline.api.bench.OpenLoopLoad.Sample;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The measured single deletes, summed up: their latency, and for each accepted one how long its event took to reach
 * Kafka's consumer.
 */
final class SinglePhase {

    private final BenchSettings settings;
    private final List<Sample> samples;
    private final LifecycleWatcher watcher;
    private final CpuMeter.Usage cpu;

    /** @param cpu CPU time of the whole stack while the requests ran and their events went to Kafka */
    SinglePhase(BenchSettings settings, List<Sample> samples, LifecycleWatcher watcher, CpuMeter.Usage cpu) {
        this.settings = settings;
        this.samples = samples;
        this.watcher = watcher;
        this.cpu = cpu;
    }

    SingleDeletes singleDeletes() {
        long[] latencies = samples.stream().mapToLong(Sample::latencyNanos).toArray();
        return new SingleDeletes(
                settings.rate(),
                settings.duration().toSeconds(),
                samples.size(),
                accepted().size(),
                samples.stream()
                        .collect(Collectors.groupingBy(
                                s -> s.status() < 0 ? "none" : Integer.toString(s.status()),
                                TreeMap::new,
                                Collectors.counting())),
                Percentiles.ofNanos(latencies),
                new BenchReport.Cpu(cpu.jvmNanos() / 1e6 / samples.size(), cpu.postgresNanos() / 1e6 / samples.size()));
    }

    CommitToKafka commitToKafka() {
        List<Sample> accepted = accepted();
        List<Arrival> arrivals = accepted.stream()
                .map(s -> watcher.arrival(s.target().blockId().toString()))
                .toList();
        long[] from202 = new long[accepted.size()];
        int n = 0;
        for (int i = 0; i < accepted.size(); i++) {
            if (arrivals.get(i) != null) {
                // the consumer may see the event a moment before the client has read the 202
                from202[n++] =
                        Math.max(0, arrivals.get(i).nanos() - accepted.get(i).answeredNanos());
            }
        }
        long[] fromCreatedAt = arrivals.stream()
                .filter(Objects::nonNull)
                .mapToLong(a ->
                        Duration.between(a.outboxCreatedAt(), a.wallClock()).toNanos())
                .toArray();
        return new CommitToKafka(
                accepted.size(),
                accepted.size() - n,
                Percentiles.ofNanos(Arrays.copyOf(from202, n)),
                Percentiles.ofNanos(fromCreatedAt));
    }

    private List<Sample> accepted() {
        return samples.stream().filter(s -> s.status() == 202).toList();
    }
}
