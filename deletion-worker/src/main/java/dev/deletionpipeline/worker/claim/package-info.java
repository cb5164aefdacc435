/**
 * A block's deletion state, table {@code blocks}: the claim before anything external happens (the conditional update
 * a concurrent restore either beats or loses to), the lapse of claims, the give-up and the redrive's requeue, and what
 * to do with tasks whose block could not be claimed.
 */
package dev.deletionpipeline.worker.claim;
