package dev.deletionpipeline.worker.ratelimit;

import java.time.Instant;
import java.util.List;

/**
 * The calls an owner may make now ({@code granted}) and, for each one that must wait, when to try again, in order.
 */
public record Grant(int granted, List<Instant> deferredUntil) {}
