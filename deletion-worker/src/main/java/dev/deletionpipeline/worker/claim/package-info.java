/**
 * Claiming a block before anything external happens: the conditional update that a concurrent restore either beats
 * or loses to, the lapse of claims for retries and shutdown, and what to do with tasks whose block could not be
 * claimed (already confirmed, removed with its parent, not yet due, or over).
 */
package dev.deletionpipeline.worker.claim;
