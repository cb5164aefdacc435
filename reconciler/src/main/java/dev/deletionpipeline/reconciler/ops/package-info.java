/**
 * The ops dashboard: the static page under {@code /ops} (open, like any static file) and its admin-only data calls,
 * {@code /v1/ops/stream} (Server-Sent Events from {@code deletion.ops.v1}, {@code deletion.orphans.v1},
 * {@code deletion.receipts.v1} and {@code deletion.status.v1}), {@code /v1/ops/history} (the last summaries, for the
 * charts) and {@code /v1/ops/services} (where the page finds deletion-api and deletion-worker). Reads the topics
 * without a consumer group; writes nothing.
 */
package dev.deletionpipeline.reconciler.ops;
