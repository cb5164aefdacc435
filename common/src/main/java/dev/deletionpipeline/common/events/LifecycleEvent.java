package dev.deletionpipeline.common.events;

import java.util.UUID;

/** The events that share {@code blocks.lifecycle.v1}; the {@code ce_type} header tells which one a record holds. */
public sealed interface LifecycleEvent extends IdentifiedEvent
        permits BlockSoftDeleted, BlockRestored, BlockHeld, BlockHoldReleased {

    UUID deletionId();

    UUID blockId();

    UUID ownerId();
}
