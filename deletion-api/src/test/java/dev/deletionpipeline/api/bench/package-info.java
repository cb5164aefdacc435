/**
 * The benchmark command of deletion-api (not a test): {@link dev.deletionpipeline.api.bench.ApiBenchmark} starts
 * PostgreSQL, Kafka and the API with its relay in one JVM, drives single deletes open-loop at a fixed rate, times a bulk
 * soft delete of 100,000 blocks and the way of every event to Kafka, and writes {@code target/bench/api-bench.json}. Run
 * with {@code ./mvnw -pl deletion-api -am -Papi-bench verify -DskipTests}; see the README's Benchmarks section.
 */
package dev.deletionpipeline.api.bench;
