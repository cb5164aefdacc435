package dev.deletionpipeline.reconciler.status;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The reconciler's Kafka Streams topology: follows every deletion from its soft delete to its end.
 *
 * <p>Reads {@code blocks.lifecycle.v1}, {@code blocks.hard-delete-confirmed.v1} and the worker's dead letters as raw
 * bytes (so that an unreadable record keeps them), keyed by block id, into one {@link DeletionTrackingProcessor} per
 * partition. Writes every state change to {@code deletion.status.v1}, orphans to {@code deletion.orphans.v1}, requests
 * to re-drive to {@code deletion.redrive-requests.v1} (never a lifecycle event: those come from the outbox) and
 * unreadable records to the reconciler's dead-letter topic. What the ops summary counts goes through a one-partition
 * repartition topic to a single {@link OpsSummaryProcessor}, which publishes {@code deletion.ops.v1}: a global summary
 * cannot be computed from one partition's stores. Each block's standing for its deletion request's {@code dueBy} goes
 * through a repartition topic keyed by deletion id to a {@link RequestDeadlineProcessor}, whose orphans and summary
 * facts join the rest. The worker's quota wait estimates ({@code deletion.quota-waits.v1}) are a global store that
 * the deadline check and the summary read: a deadline counts from a deletion's estimated finish when that is later.
 *
 * <p>The three input topics must be co-partitioned (same partition count, keyed by block id), as the outbox, the
 * worker and its dead-letter publisher do.
 */
public final class DeletionTrackingTopology {

    private static final String OPS_FACTS = "ops-facts";
    private static final String REQUEST_FACTS = "request-deadline-facts";

    private DeletionTrackingTopology() {}

    /** The topology on {@code builder}; {@code prefix} ({@code deletion.topic-prefix}) goes before every topic name. */
    public static void build(StreamsBuilder builder, TrackingSettings settings, String prefix) {
        build(builder, settings, prefix, InternalFormat.BINARY);
    }

    /** The same, with the format of the values only the reconciler reads (its store and repartition topics). */
    public static void build(StreamsBuilder builder, TrackingSettings settings, String prefix, InternalFormat format) {
        TrackingStores.addTo(builder, format);
        QuotaWaits.addTo(builder, prefix);
        KStream<String, InboundRecord> inbound = source(builder, Topics.BLOCKS_LIFECYCLE, prefix)
                .merge(source(builder, Topics.HARD_DELETE_CONFIRMED, prefix))
                .merge(source(builder, Topics.DELETION_DEAD_LETTERS, prefix));
        KStream<String, Outbound> tracked = inbound.process(
                () -> new DeletionTrackingProcessor(settings), Named.as("track-deletions"), TrackingStores.TRACKING);
        // a deletion request's blocks are in every partition: its dueBy is checked after a repartition by deletion id
        KStream<String, Outbound> requestDeadlines = only(
                        tracked, Outbound.RequestBlockChanged.class, Outbound.RequestBlockChanged::fact)
                .repartition(Repartitioned.<String, RequestBlockFact>as(REQUEST_FACTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.requestBlockFact(format)))
                .process(
                        () -> new RequestDeadlineProcessor(settings),
                        Named.as("check-request-deadlines"),
                        TrackingStores.REQUEST_DEADLINES);
        KStream<String, Outbound> outbound = tracked.merge(requestDeadlines);

        route(outbound, Outbound.StatusChanged.class, Outbound.StatusChanged::status, Topics.DELETION_STATUS, prefix);
        // a forgotten finished deletion: a tombstone, so that the compacted topic does not keep every block forever
        route(outbound, Outbound.StatusForgotten.class, forgotten -> null, Topics.DELETION_STATUS, prefix);
        route(
                outbound,
                Outbound.OrphanReported.class,
                Outbound.OrphanReported::orphan,
                Topics.DELETION_ORPHANS,
                prefix);
        route(outbound, Outbound.RedriveAsked.class, Outbound.RedriveAsked::request, Topics.REDRIVE_REQUESTS, prefix);
        route(outbound, Outbound.Unreadable.class, Outbound.Unreadable::value, Topics.RECONCILER_DEAD_LETTERS, prefix);

        Topic<String, ?> ops = Topics.DELETION_OPS.withPrefix(prefix);
        only(outbound, Outbound.OpsFactRecorded.class, Outbound.OpsFactRecorded::fact)
                .repartition(Repartitioned.<String, OpsFact>as(OPS_FACTS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.opsFact(format))
                        .withNumberOfPartitions(1))
                .process(() -> new OpsSummaryProcessor(settings), Named.as("summarize"), TrackingStores.SUMMARY)
                .to(ops.name(), Produced.with(Topics.DELETION_OPS.keySerde(), Topics.DELETION_OPS.valueSerde()));
    }

    private static KStream<String, InboundRecord> source(
            StreamsBuilder builder, Topic<String, ?> topic, String prefix) {
        InboundRecord.Source source = sourceOf(topic);
        return builder.stream(
                        topic.withPrefix(prefix).name(),
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + topic.name()))
                .mapValues(value -> value == null ? null : new InboundRecord(source, value));
    }

    private static InboundRecord.Source sourceOf(Topic<String, ?> topic) {
        if (topic == Topics.BLOCKS_LIFECYCLE) {
            return InboundRecord.Source.LIFECYCLE;
        }
        return topic == Topics.HARD_DELETE_CONFIRMED
                ? InboundRecord.Source.HARD_DELETE_CONFIRMED
                : InboundRecord.Source.DELETION_DEAD_LETTERS;
    }

    private static <T extends Outbound, V> void route(
            KStream<String, Outbound> outbound,
            Class<T> kind,
            Function<T, ? extends V> value,
            Topic<String, V> topic,
            String prefix) {
        DeletionTrackingTopology.<T, V>only(outbound, kind, value)
                .to(topic.withPrefix(prefix).name(), Produced.with(topic.keySerde(), topic.valueSerde()));
    }

    private static <T extends Outbound, V> KStream<String, V> only(
            KStream<String, Outbound> outbound, Class<T> kind, Function<T, ? extends V> value) {
        return outbound.filter((key, out) -> kind.isInstance(out)).<V>mapValues(out -> value.apply(kind.cast(out)));
    }
}
