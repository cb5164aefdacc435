/**
 * The stack-level benchmark: {@link dev.deletionpipeline.endtoend.bench.StackBenchmark} starts the whole local stack as
 * a user runs it, loads it through REST only, times what it sees on Kafka, measures the plain-Debezium and plain-JDBC
 * baselines in the same run, and writes {@code target/bench/report.json} and {@code report.md}. A command (profile
 * {@code bench}), not a test: it never runs in the default build.
 */
package dev.deletionpipeline.endtoend.bench;
