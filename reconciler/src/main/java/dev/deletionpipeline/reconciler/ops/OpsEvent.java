package dev.deletionpipeline.reconciler.ops;

import dev.deletionpipeline.common.topics.Topic;
import dev.deletionpipeline.common.topics.Topics;

/** The events of {@code /v1/ops/stream}, each named after what it carries and fed by one topic. */
enum OpsEvent {
    SUMMARY(Topics.DELETION_OPS),
    ORPHAN(Topics.DELETION_ORPHANS),
    RECEIPT(Topics.DELETION_RECEIPTS),
    STATUS(Topics.DELETION_STATUS);

    private final Topic<?, ?> topic;

    OpsEvent(Topic<?, ?> topic) {
        this.topic = topic;
    }

    Topic<?, ?> topic() {
        return topic;
    }

    /** The SSE event name the page listens for. */
    String eventName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
