/**
 * The reconciler's throughput benchmark (a {@code main}, not a test): how many lifecycle and confirmation records per
 * second the exactly-once tracking topology turns into statuses on this machine. See the module README for the command.
 */
package dev.deletionpipeline.reconciler.benchmark;
