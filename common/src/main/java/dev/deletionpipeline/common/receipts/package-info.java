/**
 * The proof side of a finished deletion request: how a {@code DeletionCompleted} receipt's digest is computed and how
 * an owner's chain of receipts is verified. Shared because deletion-worker seals receipts and deletion-api verifies
 * them; one definition of the digest keeps both honest.
 */
package dev.deletionpipeline.common.receipts;
