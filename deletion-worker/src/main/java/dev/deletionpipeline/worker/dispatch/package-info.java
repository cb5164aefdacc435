/**
 * The dispatchers that drive phase 2: they pick due tasks from {@code deletion_tasks} fairly across owners, keep the
 * quotas, claim, call Google, hard-delete and hand failures on — in rounds, so that many deletions due at once share a
 * few statements and batch requests. They sleep until the next task is due; shutdown hands unstarted claims back.
 */
package dev.deletionpipeline.worker.dispatch;
