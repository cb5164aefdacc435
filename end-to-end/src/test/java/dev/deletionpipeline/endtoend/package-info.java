/**
 * End-to-end suites on the built local stack, run as a user runs it ({@code java -jar local-stack-*-exec.jar}, the
 * services as separate processes). Tests act only as clients do: deletion-api's REST API, the worker's and the
 * reconciler's admin endpoints, Kafka. The database, the Google stand-in's inspection endpoints and the output topics
 * are read to check outcomes; the database is written only for what another system would have done (a sign-in, a
 * calendar sync of 10,000 blocks).
 *
 * <p>{@link dev.deletionpipeline.endtoend.LocalStackIT} starts stacks of its own; the other suites share one
 * {@link dev.deletionpipeline.endtoend.EndToEndStack} with short grace, restore and deadline settings. The fault suite
 * and the scale-out run (Maven profile {@code faults}) compose a {@link dev.deletionpipeline.endtoend.ComposedStack} of
 * their own, whose parts they crash, restart and multiply, and count broken promises with
 * {@link dev.deletionpipeline.endtoend.Invariants}.
 */
package dev.deletionpipeline.endtoend;
