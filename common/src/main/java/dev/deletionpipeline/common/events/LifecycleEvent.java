package dev.deletionpipeline.common.events;

import java.util.UUID;

/** The events that share {@code blocks.lifecycle.v1}; the {@code ce_type} header tells which one a record holds. */
public sealed interface LifecycleEvent permits BlockSoftDeleted, BlockRestored {

    UUID eventId();

    UUID deletionId();

    UUID blockId();

    UUID ownerId();
}
