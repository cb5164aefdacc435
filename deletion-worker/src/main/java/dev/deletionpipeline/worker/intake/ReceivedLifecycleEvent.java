package dev.deletionpipeline.worker.intake;

import dev.deletionpipeline.common.events.LifecycleEvent;

/** A lifecycle event together with the exact bytes it came as, which a dead letter must keep. */
public record ReceivedLifecycleEvent(LifecycleEvent event, byte[] raw) {}
