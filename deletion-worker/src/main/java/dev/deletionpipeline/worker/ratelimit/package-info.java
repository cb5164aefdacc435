/**
 * Google's per-owner and per-project quotas, kept with resilience4j rate limiters that never block a thread, and the
 * slow-down after rate-limit answers that keeps one owner's storm from being hammered or from starving other owners.
 */
package dev.deletionpipeline.worker.ratelimit;
